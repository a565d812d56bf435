import { CtiFault, MaxInteractionsPerRequest } from "@crmod-cti/core"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import * as FiberId from "effect/FiberId"
import type * as Scope from "effect/Scope"
import type { CtiClientError } from "../CtiClient.js"
import { nothingToAbandon, type Outcomes } from "./ClientCalls.js"
import { backoffMs, type RetryPolicy } from "../Retry.js"
import { CtiTransportError } from "../TransportError.js"
import { MaxRequestWaitMs, type Pacer, type Turn } from "./Pacer.js"

/**
 * One call of `insert`, `wrapUp` or their settled forms: its budget, whether its caller gave up, and its outcomes,
 * handed over at once when the last of its interactions is settled (one callback a call, not one an interaction).
 */
interface Call<R> {
  aborted: boolean
  /** Epoch ms after which none of its interactions is sent or retried (`retry.maxElapsed` from the call). */
  readonly deadline: number
  readonly outcomes: Array<Either.Either<R, CtiClientError>>
  /** Its interactions not settled yet. */
  unsettled: number
  /** Told once: its outcomes, or the defect that ended it. */
  readonly done: (exit: Exit.Exit<Outcomes<R>>) => void
  ended: boolean
}

/** One interaction waiting for its result. */
export interface Entry<I, R> {
  readonly item: I
  readonly call: Call<R>
  /** Its place in its call's outcomes. */
  readonly index: number
  /** Sent in a request of its own: a fault answered the whole request it shared with others. */
  alone: boolean
  /** Back-off retries so far. */
  backoffs: number
  /** Sent again after an exchange that may have reached the service (a lost answer, a timeout). */
  resent: boolean
  batch: Batch<I, R> | undefined
  /** Why its last request failed, if it did: what it fails with once its budget is spent. */
  lastError: CtiClientError | undefined
}

interface Batch<I, R> {
  readonly entries: ReadonlyArray<Entry<I, R>>
  fiber: Fiber.RuntimeFiber<void> | undefined
  /** Aborted when the queue gives the request up: the transport then drops it. */
  readonly controller: AbortController
  /** Epoch ms at which the request is given up (`timeoutMs` after it left the queue). */
  readonly deadline: number
  /** Why the queue's timer gave it up, if it did: its interactions are then the timer's to settle. */
  expired: CtiClientError | undefined
}

/** What an exchange tells the queue on the way. */
export interface ExchangeHooks {
  /** To run as soon as the answer is in, before reading it, so that the pacer counts from then. */
  readonly answered: Effect.Effect<void>
  /** The transport sent the request twice on its own: the first may have reached the service. */
  readonly sentAgain: () => void
  /** Why the request was given up for want of an answer within `timeoutMs`, if it was (it is then interrupted). */
  readonly expired: () => CtiClientError | undefined
  /** For the transport: aborted when the request is given up (a timeout, its calls cancelled, the client closed). */
  readonly signal: AbortSignal
}

export interface QueueSettings<I, R> {
  readonly endpoint: string
  readonly pacer: Pacer
  /** Requests of the client in flight at once. */
  readonly inFlight: Effect.Semaphore
  readonly retry: RetryPolicy
  /** How long one request may take, from leaving the queue to its answer read. */
  readonly timeoutMs: number
  /** The failure of a request given up after `timeoutMs`. */
  readonly timedOut: () => CtiClientError
  /** Where the queue's fibers live: closing it ends them. */
  readonly scope: Scope.Scope
  /** One request of at most five interactions: their results in order, or why the whole request failed. */
  readonly exchange: (items: ReadonlyArray<I>, hooks: ExchangeHooks) => Effect.Effect<ReadonlyArray<R>, CtiClientError>
  /** The result an entry's caller gets from its activity in the answer. */
  readonly resultOf: (result: R, entry: Entry<I, R>) => R
}

export interface RequestQueue<I, R> {
  /**
   * Sends the interactions with those of the other calls waiting and tells `done` their outcomes (or the defect that
   * ended the call); what it returns abandons the call. A plain function rather than an Effect, so that the Promise
   * API's calls cost no fiber each.
   */
  readonly enqueue: (items: ReadonlyArray<I>, done: (exit: Exit.Exit<Outcomes<R>>) => void) => () => void
  /** Fails every interaction not answered yet with `error` and refuses new ones with it. */
  readonly close: (error: Error) => Effect.Effect<void>
}

// Faults of the request as a whole that one interaction may have caused (CONTRACT §6): sending the interactions
// again one by one gives each its own outcome. The security faults are everyone's: not worth a request each.
const securityFaults: ReadonlySet<CtiFault["reason"]> = new Set([
  "AuthenticationFailed",
  "MissingSecurity",
  "MissingUsernameToken",
  "MissingUsername",
  "MissingPassword",
])
const isSplittable = (error: CtiClientError): boolean =>
  error instanceof CtiFault && error.faultCode === "Client" && !securityFaults.has(error.reason)

/**
 * The interactions of one operation waiting for their turn, from any number of calls: at each turn of the pacer the
 * next request takes up to five of them in arrival order, so that concurrent calls share requests. Failures of a
 * whole request are resolved per interaction: `RequestWait` holds the pacer and puts them back first in line, a
 * fault one of them may have caused sends them again one by one, allotment faults and transient failures back off;
 * each interaction fails with the error once its call's budget (`retry.maxElapsed`) would be passed.
 */
export const makeRequestQueue = <I, R>(settings: QueueSettings<I, R>): Effect.Effect<RequestQueue<I, R>> =>
  Effect.gen(function* () {
    const { pacer, retry } = settings
    // The waiting interactions are `pending` from `head` on: taking five moves `head`, so that a call of any size
    // costs time linear in its size; the array is compacted once most of it is behind `head`.
    let pending: Array<Entry<I, R>> = []
    let head = 0
    const inFlight = new Set<Batch<I, R>>()
    /** The fiber that gives up requests past their deadline, while any is in flight. */
    let timer: Fiber.RuntimeFiber<void> | undefined
    const ready = Effect.unsafeMakeLatch(false)
    let closed: Error | undefined
    // The clock of the worker that checks the calls' deadlines; read without a fiber when a call is queued.
    const clock = yield* Effect.clock

    const end = (call: Call<R>, exit: Exit.Exit<Outcomes<R>>) => {
      if (call.ended) return
      call.ended = true
      call.done(exit)
    }
    // Each entry is settled once: it leaves the queue for a request, and its request's outcome settles it or puts it
    // back.
    const settle = (entry: Entry<I, R>, outcome: Either.Either<R, CtiClientError>) => {
      const { call, index } = entry
      call.outcomes[index] = outcome
      call.unsettled -= 1
      if (call.unsettled === 0) end(call, Exit.succeed(call.outcomes))
    }
    /** A defect (the client closed, a bug) ends the entry's whole call at once, as it would end its caller. */
    const die = (entry: Entry<I, R>, cause: Cause.Cause<never>) => end(entry.call, Exit.failCause(cause))
    const expired = (entry: Entry<I, R>) =>
      settle(
        entry,
        Either.left(
          entry.lastError ??
            new CtiTransportError({
              reason: "Timeout",
              endpoint: settings.endpoint,
              message: `${settings.endpoint}: not sent within retry.maxElapsed (${retry.maxElapsedMs} ms)`,
            }),
        ),
      )
    const putBack = (entries: ReadonlyArray<Entry<I, R>>) => {
      if (closed !== undefined || entries.length === 0) return
      if (head >= entries.length) {
        head -= entries.length
        entries.forEach((entry, i) => {
          pending[head + i] = entry
        })
      } else {
        pending = [...entries, ...pending.slice(head)]
        head = 0
      }
      ready.unsafeOpen()
    }

    /** The next request's interactions at `now`: up to five in order, or one sent alone. */
    const take = (now: number): ReadonlyArray<Entry<I, R>> | undefined => {
      const batch: Array<Entry<I, R>> = []
      let taken = 0
      while (head + taken < pending.length && batch.length < MaxInteractionsPerRequest) {
        const entry = pending[head + taken]!
        if (entry.call.aborted) {
          taken += 1
        } else if (now > entry.call.deadline) {
          taken += 1
          expired(entry)
        } else if (entry.alone || batch[0]?.alone === true) {
          if (batch.length === 0) {
            batch.push(entry)
            taken += 1
          }
          break
        } else {
          batch.push(entry)
          taken += 1
        }
      }
      head += taken
      if (head === pending.length) {
        pending = []
        head = 0
        ready.unsafeClose()
      } else if (head > 1024 && head * 2 > pending.length) {
        pending = pending.slice(head)
        head = 0
      }
      return batch.length === 0 ? undefined : batch
    }

    const failAll = (entries: ReadonlyArray<Entry<I, R>>, error: CtiClientError) => {
      for (const entry of entries) settle(entry, Either.left(error))
    }

    /** What becomes of the interactions of a request that failed as a whole with `error`. */
    const recover = (entries: ReadonlyArray<Entry<I, R>>, error: CtiClientError) =>
      Effect.gen(function* () {
        const live = entries.filter((entry) => !entry.call.aborted)
        for (const entry of live) entry.lastError = error
        const now = yield* Clock.currentTimeMillis
        const within = (wait: number) =>
          live.filter((entry) => {
            if (now + wait <= entry.call.deadline) return true
            settle(entry, Either.left(error))
            return false
          })
        if (error instanceof CtiFault && error.reason === "RateLimited") {
          const wait = error.requestWaitMs ?? 0
          if (!retry.retrying || wait > MaxRequestWaitMs) return failAll(live, error)
          yield* pacer.hold(wait)
          return putBack(within(wait))
        }
        if (entries.length > 1 && isSplittable(error)) {
          for (const entry of live) entry.alone = true
          return putBack(live)
        }
        const attempt = Math.max(0, ...live.map((entry) => entry.backoffs)) + 1
        const delay = backoffMs(retry, error, attempt)
        if (delay === undefined) return failAll(live, error)
        const again = within(delay)
        for (const entry of again) {
          entry.backoffs = attempt
          // The request may have reached the service and only its answer been lost.
          if (error instanceof CtiTransportError) entry.resent = true
        }
        if (again.length > 0)
          yield* Effect.forkIn(
            Effect.delay(
              Effect.sync(() => putBack(again)),
              delay,
            ),
            settings.scope,
          )
      })

    /**
     * The request is over (answered, failed, given up by the timer or cancelled by its callers): its interactions are
     * no longer in flight. A request cancelled by closing the client stays in flight for `close` to end its calls.
     */
    const landed = (batch: Batch<I, R>) => {
      inFlight.delete(batch)
      for (const entry of batch.entries) entry.batch = undefined
      // An idle client holds no timer, so that a process that forgot to close it can still exit.
      if (inFlight.size === 0 && timer !== undefined) {
        timer.unsafeInterruptAsFork(FiberId.none)
        timer = undefined
      }
    }

    /** The queue gives up on a request in flight: its transport is told to drop it, its fiber is interrupted. */
    const giveUp = (batch: Batch<I, R>) => {
      batch.controller.abort()
      batch.fiber?.unsafeInterruptAsFork(FiberId.none)
    }

    const send = (batch: Batch<I, R>, answered: Effect.Effect<void>): Effect.Effect<void> =>
      Effect.suspend(() => {
        const sentAgain = () => {
          for (const entry of batch.entries) entry.resent = true
        }
        const hooks = { answered, sentAgain, expired: () => batch.expired, signal: batch.controller.signal }
        const items = batch.entries.map((entry) => entry.item)
        return Effect.flatMap(Effect.exit(settings.exchange(items, hooks)), (exit) => {
          // Given up by the timer, which settles its interactions.
          if (batch.expired !== undefined) return Effect.void
          landed(batch)
          if (Exit.isSuccess(exit)) {
            exit.value.forEach((result, i) => {
              const entry = batch.entries[i]!
              settle(entry, Either.right(settings.resultOf(result, entry)))
            })
            return Effect.void
          }
          if (Cause.isInterruptedOnly(exit.cause)) return Effect.void
          const failure = Cause.failureOption(exit.cause)
          if (failure._tag === "None") {
            for (const entry of batch.entries) die(entry, exit.cause as Cause.Cause<never>)
            return Effect.void
          }
          return recover(batch.entries, failure.value)
        })
      })

    // Uninterruptible: the timer may stop itself here (no request left in flight), not before the interactions of
    // the request it gives up are settled or put back.
    const expire = (batch: Batch<I, R>) =>
      Effect.uninterruptible(
        Effect.suspend(() => {
          const error = settings.timedOut()
          batch.expired = error
          landed(batch)
          giveUp(batch)
          return recover(batch.entries, error)
        }),
      )
    // One timer for all the requests in flight, rather than Effect's `timeout` on each: that forks two fibers a
    // request, a seventh of the client's CPU when requests follow one another. It sleeps until the earliest deadline,
    // gives up the requests past theirs (`giveUp`), and ends when none is in flight. Every request gets the same
    // `timeoutMs` from when it leaves, so one that leaves while the timer sleeps is due after the one it sleeps for.
    const watch: Effect.Effect<void> = Effect.gen(function* () {
      for (;;) {
        let earliest = Number.POSITIVE_INFINITY
        for (const batch of inFlight) earliest = Math.min(earliest, batch.deadline)
        if (earliest === Number.POSITIVE_INFINITY) {
          timer = undefined
          return
        }
        const now = clock.unsafeCurrentTimeMillis()
        if (earliest > now) yield* Effect.sleep(earliest - now)
        else for (const batch of [...inFlight]) if (batch.deadline <= now && inFlight.has(batch)) yield* expire(batch)
      }
    })

    const failWaiting = (cause: Cause.Cause<unknown>) =>
      Effect.sync(() => {
        for (const entry of pending.slice(head)) die(entry, Cause.die(Cause.squash(cause)))
        pending = []
        head = 0
        ready.unsafeClose()
      })

    /** The request that leaves with the turn: forked, under the one timer. */
    const dispatch = (turn: Turn<ReadonlyArray<Entry<I, R>>> | undefined): Effect.Effect<void> => {
      if (turn === undefined) return settings.inFlight.release(1)
      const batch: Batch<I, R> = {
        entries: turn.value,
        fiber: undefined,
        controller: new AbortController(),
        deadline: clock.unsafeCurrentTimeMillis() + settings.timeoutMs,
        expired: undefined,
      }
      for (const entry of batch.entries) entry.batch = batch
      inFlight.add(batch)
      // One finalizer for both: the place in flight is given back whatever telling the pacer did.
      const request = Effect.ensuring(
        send(batch, turn.answered),
        Effect.zipRight(Effect.exit(turn.answered), settings.inFlight.release(1)),
      )
      return Effect.flatMap(Effect.forkIn(request, settings.scope), (fiber) => {
        batch.fiber = fiber
        if (timer !== undefined) return Effect.void
        return Effect.map(Effect.forkIn(watch, settings.scope), (watching) => {
          timer = watching
        })
      })
    }
    // Chained rather than a generator: the loop runs once a request, and a generator's steps cost more than the
    // request's own. Built once and run for ever, so each of its steps reads the queue's state when it runs.
    const worker = ready.await.pipe(
      Effect.zipRight(settings.inFlight.take(1)),
      // A pacer that fails (its slot source's defect: a store that refused, a bug) fails the interactions waiting
      // for that turn rather than stopping this loop: no call waits for ever, and the next call asks again.
      Effect.zipRight(pacer.next(take).pipe(Effect.catchAllCause((cause) => Effect.as(failWaiting(cause), undefined)))),
      Effect.flatMap(dispatch),
    )
    yield* Effect.forkIn(Effect.forever(worker), settings.scope)

    /**
     * The caller gave up: its interactions not sent yet are dropped (`take` skips them: no pass over the queue), a
     * request of only its own is cancelled.
     */
    const abandon = (call: Call<R>, entries: ReadonlyArray<Entry<I, R>>) => {
      call.aborted = true
      for (const entry of entries) {
        const batch = entry.batch
        if (batch?.entries.every((other) => other.call.aborted)) {
          landed(batch)
          giveUp(batch)
        }
      }
    }

    const enqueue = (items: ReadonlyArray<I>, done: (exit: Exit.Exit<Outcomes<R>>) => void) => {
      if (closed !== undefined) {
        done(Exit.die(closed))
        return nothingToAbandon
      }
      if (items.length === 0) {
        done(Exit.succeed([]))
        return nothingToAbandon
      }
      const call: Call<R> = {
        aborted: false,
        deadline: clock.unsafeCurrentTimeMillis() + retry.maxElapsedMs,
        outcomes: new Array(items.length),
        unsettled: items.length,
        done,
        ended: false,
      }
      const entries = items.map(
        (item, index): Entry<I, R> => ({
          item,
          call,
          index,
          alone: false,
          backoffs: 0,
          resent: false,
          batch: undefined,
          lastError: undefined,
        }),
      )
      for (const entry of entries) pending.push(entry)
      ready.unsafeOpen()
      return () => abandon(call, entries)
    }

    const close = (error: Error) =>
      Effect.sync(() => {
        closed = error
        for (const entry of pending.slice(head)) die(entry, Cause.die(error))
        for (const batch of inFlight) {
          // Its fiber is interrupted with the client's scope.
          batch.controller.abort()
          for (const entry of batch.entries) die(entry, Cause.die(error))
        }
        pending = []
        head = 0
      })
    return { enqueue, close }
  })
