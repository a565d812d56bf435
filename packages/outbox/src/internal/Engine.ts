import {
  type ActivityIdentity,
  CtiFault,
  type Interaction,
  toRawInteraction,
  validateInteraction,
  validateWrapUpInteraction,
  type WrapUpInteraction,
  type WrapUpResult,
} from "@crmod-cti/core"
import type { ClientInsertResult, ObservedExchange } from "@crmod-cti/soap-http"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import { DeadLetter, type FaultRecord, type Operation } from "../DeadLetter.js"
import { type DeliveredElsewhere, deliveredElsewhere } from "../DeliveredElsewhere.js"
import { exchangeRecord } from "../ExchangeRecord.js"
import type { OutboxShape, OutboxStats, Receipt } from "../Outbox.js"
import { OutboxError } from "../OutboxError.js"
import type { OutboxEvent } from "../OutboxEvent.js"
import { classifyFailure, classifyResult, faultOf, type Outcome } from "./Classification.js"
import type { Delivery, MakeDelivery, Settled } from "./Delivery.js"
import { makeSignal } from "./Signal.js"
import type { ClaimedEntry, NewEntry, OutboxStore, Owner } from "./Store.js"

export type Result = ClientInsertResult | WrapUpResult

/** How an entry ended, as this outbox or another (a tab that delivered it) tells it. */
export type Settlement = Either.Either<Result | DeliveredElsewhere, CtiFault | OutboxError>

/**
 * An entry sent before (an attempt failed, or a worker or tab that claimed it never settled it) that the service now
 * finds already there was most likely created by that earlier attempt, its answer lost: `retried: true`, as the client
 * says when it resends a request itself (CONTRACT §10), so that the caller pops the activity as its own.
 */
const asResent = (entry: ClaimedEntry, result: Result): Result =>
  (entry.attempts > 0 || entry.reclaimed) && result.Status === "Activity already exists"
    ? { ...result, retried: true }
    : result

/** Interactions claimed at once by one worker: five requests' worth. */
const ClaimSize = 25
/** Workers claiming and delivering at once, so that one slow batch does not hold up the next. */
const Workers = 2

/** What the delivery loop needs, whatever the store and the runtime. */
export interface EngineSettings {
  /** Opened once the delivery client is made (an option it refuses opens nothing), closed with the scope. */
  readonly openStore: Effect.Effect<OutboxStore, OutboxError, Scope.Scope>
  readonly owner: Owner
  readonly password: string
  readonly makeDelivery: MakeDelivery
  /** The caller's own observer of the client's exchanges, if any. */
  readonly onExchange: ((exchange: ObservedExchange) => void) | undefined
  readonly leaseMs: number
  readonly pollIntervalMs: number
  readonly closeTimeoutMs: number
  /** Milliseconds before attempt `attempt + 1` of an interaction that failed `attempt` times. */
  readonly backoff: (attempt: number) => number
  /** Told of every entry this outbox settles (a browser tells its other tabs). */
  readonly onSettled?: (id: number, settlement: Settlement) => void
}

/**
 * The service but its `events` Stream (made by the Node face: a Stream costs a browser bundle 20 KB), and a plain
 * listener for the Promise face's `on`.
 */
export interface OutboxInternal extends Omit<OutboxShape, "events"> {
  readonly listen: (listener: (event: OutboxEvent) => void) => () => void
}

export interface Engine {
  readonly outbox: OutboxInternal
  /** Delivers in the background for as long as the scope is open; closing it ends the requests in flight. */
  readonly deliver: Effect.Effect<void, OutboxError, Scope.Scope>
  /** Settles the receipt of an entry another outbox delivered, when it tells how. */
  readonly settle: (id: number, settlement: Settlement) => Effect.Effect<void>
  /** Passes on an event another outbox told (a browser's delivering tab). */
  readonly emit: (event: OutboxEvent) => Effect.Effect<void>
  /** There may be work: a worker looks at the store now rather than after the poll. */
  readonly notify: Effect.Effect<void>
  /** This outbox's counters and pause, as `stats` gives them. */
  readonly local: () => Pick<OutboxStats, "delivered" | "retries" | "rateLimited" | "reclaimed" | "paused">
}

const decodeDeadLetter = Schema.decodeUnknownEither(DeadLetter)

const closeDelivery = (delivery: Delivery) => Effect.tryPromise(async () => delivery.close()).pipe(Effect.ignore)

export const closedError = () =>
  new OutboxError({
    reason: "Closed",
    message: "The outbox was closed before delivering this interaction; it stays pending in the store",
  })

const identityOf = (entry: { interactionId: string; agentOfferTime: number }): ActivityIdentity => ({
  InteractionId: entry.interactionId,
  AgentOfferTime: entry.agentOfferTime,
})

/**
 * The outbox over any store, in any runtime: validation and receipts, the delivery loop (claims, per-identity
 * order, back-off, dead letters, the pause on refused credentials), stats and events. Closing the scope settles the
 * receipts still waiting (`Closed`) and closes the delivery client; `deliver` starts the loop.
 */
export const makeEngine = (settings: EngineSettings): Effect.Effect<Engine, OutboxError, Scope.Scope> =>
  Effect.gen(function* () {
    const { owner, leaseMs, pollIntervalMs, closeTimeoutMs, backoff } = settings

    // What this outbox waits for: the receipts of the entries it stored, by entry id.
    const receipts = new Map<
      number,
      { identity: ActivityIdentity; deferred: Deferred.Deferred<Result | DeliveredElsewhere, CtiFault | OutboxError> }
    >()
    const inFlight = new Set<number>()
    const listeners = new Set<(event: OutboxEvent) => void>()
    const counters = { delivered: 0, retries: 0, rateLimited: 0, reclaimed: 0 }
    let paused: FaultRecord | undefined
    let closing = false
    const work = yield* makeSignal
    const progress = yield* makeSignal

    const emit = (event: OutboxEvent) =>
      Effect.sync(() => {
        for (const listener of listeners) listener(event)
      })
    const onExchange = (exchange: ObservedExchange) => {
      // Every request the service's limiter refused, the ones the client retried by itself included.
      if (exchange.error instanceof CtiFault && exchange.error.reason === "RateLimited") counters.rateLimited++
      settings.onExchange?.(exchange)
      if (listeners.size > 0) Effect.runSync(emit({ type: "exchange", exchange: exchangeRecord(exchange) }))
    }
    let delivery: Delivery = settings.makeDelivery(settings.password, onExchange)
    const store = yield* Effect.acquireRelease(settings.openStore, (store) => store.close).pipe(
      Effect.tapError(() => closeDelivery(delivery)),
    )

    const settleReceipt = (id: number, settlement: Settlement) =>
      Effect.suspend(() => {
        const receipt = receipts.get(id)
        receipts.delete(id)
        return receipt === undefined ? Effect.void : Deferred.complete(receipt.deferred, settlement)
      })
    const settled = (id: number, settlement: Settlement) =>
      Effect.zipRight(
        Effect.sync(() => settings.onSettled?.(id, settlement)),
        settleReceipt(id, settlement),
      )

    const enqueue = <I extends Interaction | WrapUpInteraction, R extends Result>(
      operation: Operation,
      validate: (raw: Record<string, string>) => Either.Either<I, CtiFault>,
      interactions: ReadonlyArray<I>,
    ): Effect.Effect<ReadonlyArray<Receipt<R>>, CtiFault | OutboxError> =>
      Effect.gen(function* () {
        if (closing) return yield* Effect.fail(closedError())
        const valid = yield* Effect.forEach(interactions, (interaction) => validate(toRawInteraction(interaction)))
        const entries: ReadonlyArray<NewEntry> = valid.map((interaction) => ({
          operation,
          interactionId: interaction.InteractionId,
          agentOfferTime: interaction.AgentOfferTime,
          interaction: JSON.stringify(interaction),
        }))
        const ids = yield* store.enqueue(owner, entries)
        const made = yield* Effect.forEach(ids, (id, index) =>
          Effect.suspend(() => {
            const known = receipts.get(id)
            if (known !== undefined) return Effect.succeed(known.deferred)
            return Effect.tap(Deferred.make<Result | DeliveredElsewhere, CtiFault | OutboxError>(), (deferred) =>
              Effect.sync(() => receipts.set(id, { identity: valid[index] as ActivityIdentity, deferred })),
            )
          }),
        )
        yield* work.notify
        return valid.map(
          (interaction, index): Receipt<R> => ({
            operation,
            interaction: { InteractionId: interaction.InteractionId, AgentOfferTime: interaction.AgentOfferTime },
            delivered: Deferred.await(made[index]!) as Effect.Effect<R | DeliveredElsewhere, CtiFault | OutboxError>,
          }),
        )
      })

    const send = (operation: Operation, claimed: ReadonlyArray<ClaimedEntry>) => {
      if (claimed.length === 0) return Effect.succeed([] as ReadonlyArray<Settled<Result>>)
      const parsed = claimed.map((entry) => JSON.parse(entry.interaction))
      return Effect.tryPromise({
        try: (signal): Promise<ReadonlyArray<Settled<Result>>> =>
          operation === "insert"
            ? delivery.insertSettled(parsed as ReadonlyArray<Interaction>, { signal })
            : delivery.wrapUpSettled(parsed as ReadonlyArray<WrapUpInteraction>, { signal }),
        catch: (reason) => reason,
      }).pipe(
        Effect.catchAll((reason) =>
          Effect.succeed(claimed.map((): Settled<Result> => ({ status: "rejected", reason }))),
        ),
      )
    }

    /** What one attempt's outcomes do to the store, the receipts and the counters. */
    const settle = (claimed: ReadonlyArray<ClaimedEntry>, outcomes: ReadonlyArray<Settled<Result>>) =>
      Effect.gen(function* () {
        const delivered: Array<{ entry: ClaimedEntry; result: Result }> = []
        const releases: Array<{ id: number; delayMs: number; failed: boolean }> = []
        for (const [index, entry] of claimed.entries()) {
          const settledOne = outcomes[index]
          const outcome: Outcome =
            settledOne?.status === "fulfilled"
              ? classifyResult(settledOne.value)
              : classifyFailure((settledOne as { reason?: unknown } | undefined)?.reason)
          switch (outcome._tag) {
            case "Delivered":
              delivered.push({ entry, result: asResent(entry, (settledOne as { value: Result }).value) })
              break
            case "Transient": {
              const delayMs = backoff(entry.attempts + 1)
              releases.push({ id: entry.id, delayMs, failed: true })
              counters.retries++
              yield* emit({
                type: "retrying",
                operation: entry.operation,
                interaction: identityOf(entry),
                error: outcome.error,
                attempt: entry.attempts + 1,
                delayMs,
              })
              break
            }
            case "Permanent": {
              const dead = yield* store.kill(entry.id, outcome.fault)
              for (const id of dead) yield* settled(id, Either.left(faultOf(outcome.fault)))
              yield* emit({
                type: "deadLetter",
                deadLetter: {
                  operation: entry.operation,
                  interaction: JSON.parse(entry.interaction),
                  fault: outcome.fault,
                  at: Date.now(),
                } as DeadLetter,
              })
              break
            }
            case "Credentials":
              releases.push({ id: entry.id, delayMs: 0, failed: false })
              if (paused === undefined) {
                paused = outcome.fault
                yield* emit({ type: "paused", fault: outcome.fault })
              }
          }
        }
        if (delivered.length > 0) yield* store.complete(delivered.map(({ entry }) => entry.id))
        if (releases.length > 0) yield* store.release(owner, releases)
        for (const { entry, result } of delivered) {
          counters.delivered++
          yield* settled(entry.id, Either.right(result))
          yield* emit({ type: "delivered", operation: entry.operation, interaction: identityOf(entry), result })
        }
      })

    /** Claims what is due and delivers it; false when there was nothing to do. */
    const cycle = Effect.gen(function* () {
      const claimed = yield* store.claim(owner, ClaimSize, leaseMs)
      if (claimed.length === 0) return false
      for (const entry of claimed) inFlight.add(entry.id)
      const deliver = Effect.gen(function* () {
        for (const entry of claimed) {
          if (!entry.reclaimed) continue
          counters.reclaimed++
          yield* emit({ type: "reclaimed", operation: entry.operation, interaction: identityOf(entry) })
        }
        const inserts = claimed.filter((entry) => entry.operation === "insert")
        const wrapUps = claimed.filter((entry) => entry.operation === "wrapUp")
        const [insertOutcomes, wrapUpOutcomes] = yield* Effect.all([send("insert", inserts), send("wrapUp", wrapUps)], {
          concurrency: 2,
        })
        yield* settle([...inserts, ...wrapUps], [...insertOutcomes, ...wrapUpOutcomes])
      })
      // Whatever happens, these leases are no longer renewed: what was not settled is claimed again when they end.
      yield* Effect.ensuring(
        deliver,
        Effect.sync(() => {
          for (const entry of claimed) inFlight.delete(entry.id)
        }),
      )
      yield* progress.notify
      return true
    })

    const renewLeases = Effect.gen(function* () {
      while (true) {
        yield* Effect.sleep(leaseMs / 3)
        if (inFlight.size > 0)
          yield* store
            .renew(owner, [...inFlight], leaseMs)
            .pipe(Effect.catchAll((error) => Effect.logWarning("The outbox could not renew its claims", error)))
      }
    })

    /**
     * Receipts of entries another outbox delivered (another process on a shared store) would never settle: an
     * entry of ours that left the store, not in flight here, for a whole poll, was delivered elsewhere; one that
     * became a dead letter elsewhere fails with its fault. (Waiting a poll lets a tab that delivered it tell the
     * result first.)
     */
    const missing = new Set<number>()
    const reconcile = Effect.gen(function* () {
      const ids = [...receipts.keys()].filter((id) => !inFlight.has(id))
      if (ids.length === 0) return missing.clear()
      const states = yield* store.states(ids)
      const present = new Map(states.map((state) => [state.id, state.fault]))
      for (const id of ids) {
        const fault = present.get(id)
        if (fault === undefined) {
          if (!missing.has(id)) {
            missing.add(id)
            continue
          }
          missing.delete(id)
          const receipt = receipts.get(id)
          if (receipt !== undefined && !inFlight.has(id))
            yield* settleReceipt(id, Either.right(deliveredElsewhere(receipt.identity)))
        } else {
          missing.delete(id)
          if (fault !== null && !inFlight.has(id)) yield* settleReceipt(id, Either.left(faultOf(JSON.parse(fault))))
        }
      }
    })
    const reconciler = yield* Effect.forkDaemon(
      Effect.forever(
        Effect.zipRight(
          Effect.sleep(pollIntervalMs),
          reconcile.pipe(
            Effect.catchAll((error) => Effect.logWarning("The outbox could not look at its receipts", error)),
          ),
        ),
      ),
    )

    // Closed: the receipts still waiting fail (their entries stay pending), the client is closed.
    yield* Effect.addFinalizer(() =>
      Effect.gen(function* () {
        closing = true
        yield* Fiber.interrupt(reconciler)
        for (const id of [...receipts.keys()]) yield* settleReceipt(id, Either.left(closedError()))
        yield* closeDelivery(delivery)
      }),
    )

    const deliver = Effect.gen(function* () {
      yield* store.releaseAll(owner)
      let stopping = false
      const worker = Effect.gen(function* () {
        while (!stopping && !closing) {
          const busy =
            paused === undefined
              ? yield* cycle.pipe(
                  // A store that fails (a database restarting) or a defect: logged, and tried again after the poll.
                  Effect.catchAllCause((cause) =>
                    Effect.as(Effect.logWarning("The outbox could not deliver", cause), false),
                  ),
                )
              : false
          if (!busy && !stopping && !closing) yield* work.wait(pollIntervalMs)
        }
      })
      const workers = yield* Effect.forEach(Array.from({ length: Workers }), () => Effect.forkDaemon(worker))
      const renewer = yield* Effect.forkDaemon(renewLeases)
      // Stopping: no new claim; the requests in flight finish within the deadline; every claim is handed back.
      yield* Effect.addFinalizer(() =>
        Effect.gen(function* () {
          stopping = true
          yield* work.notify
          // Finalizers run uninterruptibly: the wait is made interruptible so that the deadline can end it.
          const finished = yield* Effect.interruptible(Fiber.joinAll(workers)).pipe(
            Effect.timeoutOption(closeTimeoutMs),
          )
          if (finished._tag === "None") yield* Fiber.interruptAll(workers)
          yield* Fiber.interrupt(renewer)
          yield* store.releaseAll(owner).pipe(Effect.ignore)
        }),
      )
    })

    const pending = Effect.map(store.pending(owner), (count) => count.count)
    const deadLetters = Effect.map(store.deadLetters(owner), (rows) =>
      rows.flatMap((row) => {
        const decoded = decodeDeadLetter({
          operation: row.operation,
          interaction: JSON.parse(row.interaction),
          fault: JSON.parse(row.fault),
          at: row.at,
        })
        return Either.isRight(decoded) ? [{ id: row.id, deadLetter: decoded.right }] : []
      }),
    )

    const listen = (listener: (event: OutboxEvent) => void) => {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    }
    const outbox: OutboxInternal = {
      enqueueInsert: (interactions) => enqueue("insert", validateInteraction, interactions),
      enqueueWrapUp: (interactions) => enqueue("wrapUp", validateWrapUpInteraction, interactions),
      pending,
      drained: Effect.gen(function* () {
        while ((yield* pending) > 0) yield* progress.wait(pollIntervalMs)
      }),
      stats: Effect.gen(function* () {
        const count = yield* store.pending(owner)
        const dead = yield* deadLetters
        const byReason: Record<string, number> = {}
        for (const { deadLetter } of dead)
          byReason[deadLetter.fault.reason] = (byReason[deadLetter.fault.reason] ?? 0) + 1
        const stats: OutboxStats = {
          pending: count.count,
          oldestPendingAgeMs: count.oldestAgeMs ?? null,
          ...counters,
          deadLetters: byReason,
          paused: paused ?? null,
        }
        return stats
      }),
      deadLetters: Effect.map(deadLetters, (dead) => dead.map(({ deadLetter }) => deadLetter)),
      retryDeadLetters: (filter = () => true) =>
        Effect.gen(function* () {
          const chosen = (yield* deadLetters).filter(({ deadLetter }) => filter(deadLetter))
          yield* store.revive(chosen.map(({ id }) => id))
          yield* work.notify
          return chosen.length
        }),
      setCredentials: (credentials) =>
        Effect.gen(function* () {
          const previous = delivery
          delivery = settings.makeDelivery(credentials.password, onExchange)
          yield* closeDelivery(previous)
          if (paused !== undefined) {
            paused = undefined
            yield* emit({ type: "resumed" })
          }
          yield* work.notify
        }),
      listen,
    }
    return {
      outbox,
      deliver,
      settle: settleReceipt,
      emit,
      notify: work.notify,
      local: () => ({ ...counters, paused: paused ?? null }),
    }
  })
