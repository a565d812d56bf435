import { allowedAt, remember } from "@crmod-cti/core"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as FiberId from "effect/FiberId"
import { currentTimeMs, type SlotSource, type SlotSourceFactory } from "../SlotSource.js"
import type { PacingSettings } from "./ClientSettings.js"

/** The longest `RequestWait` the pacer honours (CONTRACT §10): a longer one fails the call that got it. */
export const MaxRequestWaitMs = 10_000

// The margin adapts to what the service says: each rate-limit fault widens it by the RequestWait (how early the
// request came) and a little more, each answer narrows it by a little, down to the configured margin. The margin
// settles where the faults' widening equals the answers' narrowing: with a RequestWait of a few ms, a fault is worth
// about 250 answers, so about 0.4% of the requests draw a fault (the service's own accounting, under 1%).
const WideningMs = 2
const NarrowingMs = 0.02
const MostMarginMs = 250

/** A request's turn, and what to say as soon as its answer (or failure) came back: said again, it changes nothing. */
export interface Turn<B> {
  readonly value: B
  readonly answered: Effect.Effect<void>
}

/** Keeps one user's requests under the service's rate limit, as the service sees them. */
export interface Pacer {
  /**
   * Waits for the next turn, then `take`s what to send in it at that moment (so that all that arrived meanwhile
   * goes together); a turn in which `take` finds nothing is not used up.
   */
  readonly next: <B extends ReadonlyArray<unknown>>(
    take: (now: number) => B | undefined,
  ) => Effect.Effect<Turn<B> | undefined>
  /** Holds every request back for `ms` (a `RequestWait` of at most `MaxRequestWaitMs`). */
  readonly hold: (ms: number) => Effect.Effect<void>
}

/** The request last sent, to estimate when the service stamped it. */
interface Sent {
  readonly grantedAt: number
  /** The margin when it was sent. */
  readonly margin: number
  answeredAt: number | undefined
  readonly answered: Deferred.Deferred<void>
}

/**
 * A pacer over Effect's `Clock` (so `TestClock` drives it). The service stamps a request when it handles it, some
 * time after it was sent and before its answer is back, and the next request is stamped some time after it is sent:
 * the spacing the service sees is the spacing of the sends, less the first request's way to its stamp, plus the
 * second's. Part of every round trip is the service's work on either side of its stamp and the way there and back,
 * which the next request pays too; half of the shortest recent round trip is taken as that floor (`credit`). So a
 * request is taken as stamped when its answer came back less that credit, or a margin after it was sent if the answer
 * takes longer, and the next one waits for the limit from there (`allowedAt` of the core, the arithmetic the service
 * applies). On a quick service that is the limit measured from the answer, whatever the jitter; on a slow one the
 * limit plus the margin, which widens with each rate-limit fault (see above).
 * With `slots`, the turns and holds are the source's (shared beyond the process), the margin still this pacer's.
 */
export const makePacer = (settings: PacingSettings | undefined, slots?: SlotSource): Pacer => {
  const lock = Effect.unsafeMakeSemaphore(1)
  const stamps: Array<number> = []
  // The last round trips (answeredAt - grantedAt), as many as the limit's window.
  const roundTrips: Array<number> = []
  let last: Sent | undefined
  let holdUntil = Number.NEGATIVE_INFINITY
  const leastMargin = settings?.marginMs ?? 0
  let margin = leastMargin

  // Chained rather than generators here, in `sharedTurn` and in `next`: they run once a request.
  const settleLast = Effect.suspend(() => {
    if (last === undefined) return Effect.void
    const sent = last
    const settled = Effect.sync(() => {
      const answered = sent.answeredAt ?? Number.POSITIVE_INFINITY
      const credit = roundTrips.length === 0 ? 0 : Math.min(...roundTrips) / 2
      stamps[stamps.length - 1] = Math.min(answered - credit, sent.grantedAt + sent.margin)
    })
    if (sent.answeredAt !== undefined) return settled
    return Effect.flatMap(currentTimeMs, (now) => {
      const remaining = sent.grantedAt + sent.margin - now
      if (remaining <= 0) return settled
      return Effect.zipRight(Effect.ignore(Effect.timeout(Deferred.await(sent.answered), remaining)), settled)
    })
  })

  const waitForTurn: Effect.Effect<number> = Effect.flatMap(currentTimeMs, (now) => {
    const at = Math.max(holdUntil, settings === undefined ? now : allowedAt(stamps, now, settings.limit))
    return at <= now ? Effect.succeed(now) : Effect.zipRight(Effect.sleep(at - now), waitForTurn)
  })

  /** A turn of the slot source: the margin narrows with each answer, as below. */
  const sharedTurn =
    (source: SlotSource) =>
    <B extends ReadonlyArray<unknown>>(take: (now: number) => B | undefined): Effect.Effect<Turn<B> | undefined> =>
      // Suspended: the claim is made with the margin of the moment, each time the turn is taken.
      Effect.flatMap(
        Effect.suspend(() => source.claim(margin)),
        (slot) =>
          Effect.flatMap(currentTimeMs, (now) => {
            const value = take(now)
            if (value === undefined) return Effect.as(slot.release, undefined)
            let answered = false
            const turn: Turn<B> = {
              value,
              answered: Effect.suspend(() => {
                if (answered) return Effect.void
                answered = true
                margin = Math.max(leastMargin, margin - NarrowingMs)
                return slot.answered
              }),
            }
            return Effect.as(slot.sent(value.length), turn)
          }),
      )

  const sharedNext = slots === undefined || settings === undefined ? undefined : sharedTurn(slots)
  // Without pacing a turn only waits out a `RequestWait` (`hold`), whoever takes it: turns are not taken one by one.
  const unpacedNext = <B extends ReadonlyArray<unknown>>(
    take: (now: number) => B | undefined,
  ): Effect.Effect<Turn<B> | undefined> =>
    Effect.map(waitForTurn, (now) => {
      const value = take(now)
      return value === undefined ? undefined : { value, answered: Effect.void }
    })
  const pacedNext = <B extends ReadonlyArray<unknown>>(
    limits: PacingSettings,
    take: (now: number) => B | undefined,
  ): Effect.Effect<Turn<B> | undefined> =>
    lock.withPermits(1)(
      sharedNext !== undefined
        ? sharedNext(take)
        : Effect.zipRight(
            settleLast,
            Effect.map(waitForTurn, (now): Turn<B> | undefined => {
              const value = take(now)
              if (value === undefined) return undefined
              const sent: Sent = {
                grantedAt: now,
                margin,
                answeredAt: undefined,
                answered: Deferred.unsafeMake<void>(FiberId.none),
              }
              last = sent
              remember(stamps, now + margin, limits.limit)
              const answered = Effect.suspend(() => {
                if (sent.answeredAt !== undefined) return Effect.void
                return Effect.flatMap(currentTimeMs, (at) => {
                  sent.answeredAt = at
                  remember(roundTrips, at - sent.grantedAt, limits.limit)
                  margin = Math.max(leastMargin, margin - NarrowingMs)
                  return Deferred.succeed(sent.answered, undefined)
                })
              })
              return { value, answered: Effect.asVoid(answered) }
            }),
          ),
    )

  const next = <B extends ReadonlyArray<unknown>>(take: (now: number) => B | undefined) =>
    settings === undefined ? unpacedNext(take) : pacedNext(settings, take)

  const hold = (ms: number) =>
    Effect.zipRight(
      Effect.map(currentTimeMs, (now) => {
        holdUntil = Math.max(holdUntil, now + Math.min(ms, MaxRequestWaitMs))
        if (settings !== undefined)
          margin = Math.min(MostMarginMs, margin + Math.min(ms, MaxRequestWaitMs) + WideningMs)
      }),
      Effect.suspend(() => (slots === undefined ? Effect.void : slots.hold(Math.min(ms, MaxRequestWaitMs), margin))),
    )
  return { next, hold }
}

interface Shared {
  readonly pacer: Pacer
  readonly slots: SlotSource | undefined
  clients: number
}

// All clients of one user at one endpoint in this process share one pacer: the service limits the user, not the
// client. The first client's pacing settings apply to all.
const shared = new Map<string, Shared>()

const keyOf = (endpoint: string, username: string) => `${username}\n${endpoint}`

/**
 * The pacer of `username` at `endpoint`, made for the first client (over the slot source `slots` makes, if given);
 * each client gives it back with `releasePacer`.
 */
export const acquirePacer = (
  endpoint: string,
  username: string,
  settings: PacingSettings,
  slots?: SlotSourceFactory,
): Pacer => {
  const key = keyOf(endpoint, username)
  let entry = shared.get(key)
  if (entry === undefined) {
    const source = slots?.(endpoint, username, settings.limit)
    entry = { pacer: makePacer(settings, source), slots: source, clients: 0 }
  }
  entry.clients += 1
  shared.set(key, entry)
  return entry.pacer
}

/** Gives the pacer back; the last client's release closes its slot source. */
export const releasePacer = (endpoint: string, username: string): Effect.Effect<void> =>
  Effect.suspend(() => {
    const key = keyOf(endpoint, username)
    const entry = shared.get(key)
    if (entry === undefined) return Effect.void
    entry.clients -= 1
    if (entry.clients > 0) return Effect.void
    shared.delete(key)
    return entry.slots?.close ?? Effect.void
  })
