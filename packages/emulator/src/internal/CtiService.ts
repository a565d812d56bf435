import {
  type ChannelType,
  type CtiActivityServiceShape,
  type CtiFault,
  type CtiUser,
  Faults,
  type Interaction,
  MaxInteractionsPerRequest,
  mayAccessAll,
  type WrapUpInteraction,
} from "@crmod-cti/core"
import * as Clock from "effect/Clock"
import type * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { insertInteraction } from "./ActivityInsert.js"
import { wrapUpInteraction } from "./ActivityWrapUp.js"
import { makeCandidateFinder } from "./Candidates.js"
import type { EmulatorChange } from "./Changes.js"
import type { ResolvedOptions } from "./EmulatorOptions.js"
import type { EmulatorStoreShape, StoredUser } from "./EmulatorStore.js"
import type { IdGeneratorShape } from "./IdGenerator.js"
import { makeOperationsAllotment } from "./OperationsAllotment.js"
import { makeRateLimiter } from "./RateLimiter.js"
import { makeServiceRequestNumbers } from "./ServiceRequestNumbers.js"

/** What a request's work on one interaction yields: its result, and the change to announce if it made one. */
interface Outcome<R> {
  readonly result: R
  readonly change?: EmulatorChange
}

/**
 * The CTI Activity Web service for each user (`CONTRACT.md` §4–§6). The request path is synchronous: each call
 * reads the caller's clock once and then runs a plain function over the synchronous store, from the limiters'
 * checks to the last write. Nothing can run in between (JavaScript runs one thing at a time and the core never
 * yields), so every check-and-write is atomic without locks: exactly one `OK` per identity, and the allotment is
 * never overspent, however many requests run concurrently.
 */
export const makeCtiService = (
  store: EmulatorStoreShape,
  settings: ResolvedOptions,
  ids: IdGeneratorShape,
  publish: (change: EmulatorChange) => void,
): ((signInId: string) => CtiActivityServiceShape) => {
  const rateLimiter = settings.rateLimit === undefined ? undefined : makeRateLimiter(settings.rateLimit)
  const allotment =
    settings.operationsAllotment === undefined ? undefined : makeOperationsAllotment(settings.operationsAllotment)

  const freshId = (): string => {
    // Bounded: a generator that hands out nothing but used ids is a bug, not a reason to spin.
    for (let attempt = 0; attempt < 1000; attempt++) {
      const id = ids.next()
      if (!store.isIdTaken(id)) return id
    }
    throw new Error("The IdGenerator handed out 1000 ids in a row that are already used")
  }
  const insertContext = {
    store,
    candidates: makeCandidateFinder(store),
    priorities: settings.priorities,
    freshId,
    newServiceRequestNumber: makeServiceRequestNumbers(store),
  }
  const insertWork = (user: CtiUser, now: number, interaction: Interaction) =>
    insertInteraction(insertContext, user, now, interaction)
  const wrapUpWork = (user: CtiUser, now: number, interaction: WrapUpInteraction) =>
    wrapUpInteraction(store, user, now, interaction)

  /** Why a request is refused, checked in this order; `undefined` when it may go ahead. */
  const refusalOf = (user: StoredUser, channels: ReadonlyArray<ChannelType>, now: number): CtiFault | undefined => {
    const limited = rateLimiter?.admit(user.signInId, now) ?? allotment?.check(user.company, channels.length, now)
    if (limited !== undefined) return limited
    if (channels.length > MaxInteractionsPerRequest) return Faults.tooManyInteractions()
    return mayAccessAll(user.privileges, channels) ? undefined : Faults.accessDenied()
  }

  /**
   * One request of a user at `now`: the rate limiter, the allotment, the count and the privileges of every
   * channel, and only then the work, all in one synchronous run. A refused request writes and consumes nothing
   * (the rate limiter counts every request it admits).
   */
  const request = <I extends { readonly ChannelType: ChannelType }, R>(
    signInId: string,
    interactions: ReadonlyArray<I>,
    now: number,
    work: (user: CtiUser, now: number, interaction: I) => Outcome<R>,
  ): Either.Either<ReadonlyArray<R>, CtiFault> => {
    const user = store.user(signInId)
    if (user === undefined) return Either.left(Faults.authenticationFailed())
    const refusal = refusalOf(
      user,
      interactions.map((interaction) => interaction.ChannelType),
      now,
    )
    if (refusal !== undefined) return Either.left(refusal)
    allotment?.consume(user.company, interactions.length, now)
    return Either.right(
      interactions.map((interaction) => {
        const outcome = work(user, now, interaction)
        if (outcome.change !== undefined) publish(outcome.change)
        return outcome.result
      }),
    )
  }

  /** The Effect of a synchronous step at the caller's `Clock` time: the clock is read once, when it runs. */
  const atNow = <A, E>(step: (now: number) => Either.Either<A, E>): Effect.Effect<A, E> =>
    Clock.clockWith((clock) => step(clock.unsafeCurrentTimeMillis()))

  return (signInId) => ({
    insert: (interactions) => atNow((now) => request(signInId, interactions, now, insertWork)),
    wrapUp: (interactions) => atNow((now) => request(signInId, interactions, now, wrapUpWork)),
  })
}
