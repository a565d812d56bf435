import { hostname } from "node:os"
import {
  type ActivityIdentity,
  CtiFault,
  type FaultReason,
  type Interaction,
  type InsertResult,
  requirePositiveNumber,
  validateInteraction,
  validateWrapUpInteraction,
  type WrapUpInteraction,
  type WrapUpResult,
} from "@crmod-cti/core"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { DeadLetter, type FaultRecord, type Operation } from "../DeadLetter.js"
import type { OutboxOptions, OutboxShape, OutboxStats, Receipt } from "../Outbox.js"
import { OutboxError } from "../OutboxError.js"
import type { OutboxEvent } from "../OutboxEvent.js"
import { backoffOf } from "./Backoff.js"
import { classifyFailure, classifyResult, type Outcome } from "./Classification.js"
import { type Delivery, makeDelivery, type Settled } from "./Delivery.js"
import { openPostgresStore } from "./PostgresStore.js"
import { makeSignal } from "./Signal.js"
import { openSqliteStore } from "./SqliteStore.js"
import type { ClaimedEntry, NewEntry, OutboxStore, Owner } from "./Store.js"

type Result = InsertResult | WrapUpResult

/** Interactions claimed at once by one worker: five requests' worth. */
const ClaimSize = 25
/** Workers claiming and delivering at once, so that one slow batch does not hold up the next. */
const Workers = 2

const isPostgresUrl = (store: string) => /^postgres(ql)?:\/\//i.test(store)

const openStore = (store: string) => (isPostgresUrl(store) ? openPostgresStore(store) : openSqliteStore(store))

// The interaction as element texts, the form the core validates: the rules the client and the server apply.
const toRaw = (interaction: object): Record<string, string> => {
  const raw: Record<string, string> = Object.create(null)
  for (const [name, value] of Object.entries(interaction)) {
    if (value === undefined) continue
    raw[name] = typeof value === "boolean" ? (value ? "true" : "false") : String(value)
  }
  return raw
}

const faultOf = (record: FaultRecord) => new CtiFault({ ...record, reason: record.reason as FaultReason })

const decodeDeadLetter = Schema.decodeUnknownEither(DeadLetter)

const closeDelivery = (delivery: Delivery) => Effect.tryPromise(async () => delivery.close()).pipe(Effect.ignore)

const closedError = () =>
  new OutboxError({
    reason: "Closed",
    message: "The outbox was closed before delivering this interaction; it stays pending in the store",
  })

/** The service, and a plain listener for the Promise face's `on`. */
export interface OutboxInternal extends OutboxShape {
  readonly listen: (listener: (event: OutboxEvent) => void) => () => void
}

/** The outbox in `scope`: closing the scope closes it (requests in flight finish within `closeTimeoutMs`). */
export const makeOutbox = (options: OutboxOptions): Effect.Effect<OutboxInternal, OutboxError, Scope.Scope> =>
  Effect.gen(function* () {
    const leaseMs = requirePositiveNumber("leaseMs", options.leaseMs ?? 30_000)
    const pollIntervalMs = requirePositiveNumber("pollIntervalMs", options.pollIntervalMs ?? 1_000)
    const closeTimeoutMs = requirePositiveNumber("closeTimeoutMs", options.closeTimeoutMs ?? 10_000)
    const backoff = backoffOf(options.backoff)
    const {
      store: location,
      leaseMs: _l,
      backoff: _b,
      pollIntervalMs: _p,
      closeTimeoutMs: _c,
      ...clientOptions
    } = options
    let delivery: Delivery = makeDelivery(clientOptions)
    const owner: Owner = {
      endpoint: options.endpoint,
      username: options.username,
      company: options.username.split("/")[0] ?? options.username,
      claimant: `${hostname()}:${process.pid}:${crypto.randomUUID()}`,
    }
    const store: OutboxStore = yield* Effect.acquireRelease(openStore(location), (store) => store.close).pipe(
      Effect.tapError(() => closeDelivery(delivery)),
    )

    // What this process waits for: the receipts of the entries it stored, by entry id.
    const receipts = new Map<number, Deferred.Deferred<Result, CtiFault | OutboxError>>()
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
    const settleReceipt = (id: number, exit: Either.Either<Result, CtiFault | OutboxError>) =>
      Effect.suspend(() => {
        const deferred = receipts.get(id)
        receipts.delete(id)
        return deferred === undefined ? Effect.void : Deferred.complete(deferred, exit)
      })

    const enqueue = <I extends Interaction | WrapUpInteraction, R extends Result>(
      operation: Operation,
      validate: (raw: Record<string, string>) => Either.Either<I, CtiFault>,
      interactions: ReadonlyArray<I>,
    ): Effect.Effect<ReadonlyArray<Receipt<R>>, CtiFault | OutboxError> =>
      Effect.gen(function* () {
        if (closing) return yield* Effect.fail(closedError())
        const valid = yield* Effect.forEach(interactions, (interaction) => validate(toRaw(interaction)))
        const entries: ReadonlyArray<NewEntry> = valid.map((interaction) => ({
          operation,
          interactionId: interaction.InteractionId,
          agentOfferTime: interaction.AgentOfferTime,
          interaction: JSON.stringify(interaction),
        }))
        const ids = yield* store.enqueue(owner, entries)
        const made = yield* Effect.forEach(ids, (id) =>
          Effect.suspend(() => {
            const known = receipts.get(id)
            if (known !== undefined) return Effect.succeed(known)
            return Effect.tap(Deferred.make<Result, CtiFault | OutboxError>(), (deferred) =>
              Effect.sync(() => receipts.set(id, deferred)),
            )
          }),
        )
        yield* work.notify
        return valid.map(
          (interaction, index): Receipt<R> => ({
            operation,
            interaction: { InteractionId: interaction.InteractionId, AgentOfferTime: interaction.AgentOfferTime },
            delivered: Deferred.await(
              made[index] as Deferred.Deferred<Result, CtiFault | OutboxError>,
            ) as Effect.Effect<R, CtiFault | OutboxError>,
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

    const identityOf = (entry: ClaimedEntry): ActivityIdentity => ({
      InteractionId: entry.interactionId,
      AgentOfferTime: entry.agentOfferTime,
    })

    /** What one attempt's outcomes do to the store, the receipts and the counters. */
    const settle = (claimed: ReadonlyArray<ClaimedEntry>, settled: ReadonlyArray<Settled<Result>>) =>
      Effect.gen(function* () {
        const delivered: Array<{ entry: ClaimedEntry; result: Result }> = []
        const releases: Array<{ id: number; delayMs: number; failed: boolean }> = []
        for (const [index, entry] of claimed.entries()) {
          const outcome: Outcome =
            settled[index]?.status === "fulfilled"
              ? classifyResult((settled[index] as { value: Result }).value)
              : classifyFailure((settled[index] as { reason?: unknown } | undefined)?.reason)
          switch (outcome._tag) {
            case "Delivered":
              delivered.push({ entry, result: (settled[index] as { value: Result }).value })
              break
            case "Transient": {
              const delayMs = backoff(entry.attempts + 1)
              releases.push({ id: entry.id, delayMs, failed: true })
              counters.retries++
              if (outcome.rateLimited) counters.rateLimited++
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
              for (const id of dead) yield* settleReceipt(id, Either.left(faultOf(outcome.fault)))
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
          yield* settleReceipt(entry.id, Either.right(result))
          yield* emit({
            type: "delivered",
            operation: entry.operation,
            interaction: identityOf(entry),
            result,
          })
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

    const worker = Effect.gen(function* () {
      while (!closing) {
        const busy =
          paused === undefined
            ? yield* cycle.pipe(
                // A store that fails (a database restarting) or a defect: logged, and tried again after the poll.
                Effect.catchAllCause((cause) =>
                  Effect.as(Effect.logWarning("The outbox could not deliver", cause), false),
                ),
              )
            : false
        if (!busy && !closing) yield* work.wait(pollIntervalMs)
      }
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

    yield* store.releaseAll(owner)
    const workers = yield* Effect.forEach(Array.from({ length: Workers }), () => Effect.forkDaemon(worker))
    const renewer = yield* Effect.forkDaemon(renewLeases)

    // Closing: no new claim; the requests in flight finish within the deadline; every claim is handed back.
    yield* Effect.addFinalizer(() =>
      Effect.gen(function* () {
        closing = true
        yield* work.notify
        // Finalizers run uninterruptibly: the wait is made interruptible so that the deadline can end it.
        const finished = yield* Effect.interruptible(Fiber.joinAll(workers)).pipe(Effect.timeoutOption(closeTimeoutMs))
        if (finished._tag === "None") yield* Fiber.interruptAll(workers)
        yield* Fiber.interrupt(renewer)
        yield* store.releaseAll(owner).pipe(Effect.ignore)
        for (const id of [...receipts.keys()]) yield* settleReceipt(id, Either.left(closedError()))
        yield* closeDelivery(delivery)
      }),
    )

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
    return {
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
      setCredentials: ({ password }) =>
        Effect.gen(function* () {
          const previous = delivery
          delivery = makeDelivery({ ...clientOptions, password })
          yield* closeDelivery(previous)
          if (paused !== undefined) {
            paused = undefined
            yield* emit({ type: "resumed" })
          }
          yield* work.notify
        }),
      events: Stream.async<OutboxEvent>((emit) => {
        const stop = listen((event) => void emit.single(event))
        return Effect.sync(stop)
      }),
      listen,
    }
  })
