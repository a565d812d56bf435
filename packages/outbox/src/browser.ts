/**
 * `@crmod-cti/outbox/browser`: the outbox in a browser. The queue is kept in IndexedDB, shared by the tabs of the
 * origin; one tab delivers at a time (Web Locks) and the others show its state (BroadcastChannel).
 */
import { requirePositiveNumber } from "@crmod-cti/core"
import { createClient, type FetchClientOptions } from "@crmod-cti/transport-fetch"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Scope from "effect/Scope"
import type { FaultRecord } from "./DeadLetter.js"
import type { OutboxOptions, OutboxStats } from "./Outbox.js"
import type { OutboxEvent } from "./OutboxEvent.js"
import type { PromiseOutbox } from "./PromiseOutbox.js"
import { backoffOf } from "./internal/Backoff.js"
import { faultOf, faultRecord } from "./internal/Classification.js"
import { type Engine, makeEngine, type Result, type Settlement } from "./internal/Engine.js"
import { openIndexedDbStore } from "./internal/IndexedDbStore.js"
import { openScoped, promiseFace, run } from "./internal/promiseFace.js"
import type { Owner } from "./internal/Store.js"

export type { DeadLetter, FaultRecord, Operation } from "./DeadLetter.js"
export { type DeliveredElsewhere, isDeliveredElsewhere } from "./DeliveredElsewhere.js"
export type { ExchangeRecord } from "./ExchangeRecord.js"
export type { OutboxStats } from "./Outbox.js"
export { OutboxError, type OutboxErrorReason } from "./OutboxError.js"
export type { OutboxEvent } from "./OutboxEvent.js"
export type { PromiseReceipt } from "./PromiseOutbox.js"

export interface BrowserOutboxOptions
  extends FetchClientOptions,
    Pick<OutboxOptions, "backoff" | "pollIntervalMs" | "closeTimeoutMs"> {
  /** The IndexedDB database that keeps the queue (default `crmod-cti-outbox`), shared by the origin's tabs. */
  readonly database?: string
}

export interface BrowserOutboxStats extends OutboxStats {
  /** This tab delivers (it holds the outbox's Web Lock); the counters are the delivering tab's. */
  readonly delivering: boolean
  /** The browser granted persistent storage: it will not evict the queue when the disk fills up. */
  readonly persisted: boolean
}

export type BrowserOutboxEvent =
  | OutboxEvent
  /** This tab took over delivery (the tab that delivered was closed or reloaded), or gave it up on `close`. */
  | { readonly type: "delivering"; readonly delivering: boolean }

export interface BrowserOutbox extends Omit<PromiseOutbox, "stats" | "on"> {
  readonly stats: () => Promise<BrowserOutboxStats>
  /** Calls `listener` for every event, those of the delivering tab in another tab included. */
  readonly on: (listener: (event: BrowserOutboxEvent) => void) => () => void
}

type Counters = Pick<OutboxStats, "delivered" | "retries" | "rateLimited" | "reclaimed" | "paused">

/** What the tabs of an outbox tell each other. */
type Message =
  /** The delivering tab's event, and its counters after it. */
  | { readonly kind: "event"; readonly event: OutboxEvent; readonly counters: Counters }
  /** How an entry ended, for the tab that holds its receipt. */
  | { readonly kind: "settled"; readonly id: number; readonly result?: Result; readonly fault?: FaultRecord }
  /** Something was enqueued: the delivering tab looks at the store now. */
  | { readonly kind: "work" }
  /** New credentials typed in another tab, for the delivering tab (the channel stays within the origin). */
  | { readonly kind: "credentials"; readonly password: string }
  /** A tab opened: the delivering tab tells its counters. */
  | { readonly kind: "hello" }
  | { readonly kind: "counters"; readonly counters: Counters }

const settlementOf = (message: { result?: Result; fault?: FaultRecord }): Settlement =>
  message.fault === undefined ? Either.right(message.result as Result) : Either.left(faultOf(message.fault))

/** Asks the browser not to evict the queue under storage pressure; false when it declines or cannot say. */
const requestPersistence = async (): Promise<boolean> => {
  try {
    return (await navigator.storage?.persist?.()) ?? false
  } catch {
    return false
  }
}

/**
 * Opens the outbox of this tab: `await openBrowserOutbox({ endpoint, username, password })`. Enqueues are stored
 * in IndexedDB (a quota error rejects the enqueue with `OutboxError` `QuotaExceeded`) and survive reloads; of the
 * tabs of the origin that open it for the same endpoint and user, one delivers at a time, and the next takes over
 * when it is closed or reloaded. Receipts resolve in the tab that enqueued, whichever tab delivers.
 */
export const openBrowserOutbox = async (options: BrowserOutboxOptions): Promise<BrowserOutbox> => {
  const pollIntervalMs = requirePositiveNumber("pollIntervalMs", options.pollIntervalMs ?? 1_000)
  const closeTimeoutMs = requirePositiveNumber("closeTimeoutMs", options.closeTimeoutMs ?? 10_000)
  const backoff = backoffOf(options.backoff)
  const {
    database = "crmod-cti-outbox",
    backoff: _b,
    pollIntervalMs: _p,
    closeTimeoutMs: _c,
    onExchange,
    ...client
  } = options
  const name = `crmod-cti-outbox ${database} ${options.endpoint} ${options.username}`
  const owner: Owner = {
    endpoint: options.endpoint,
    username: options.username,
    company: options.username.split("/")[0] ?? options.username,
    claimant: `tab:${crypto.randomUUID()}`,
  }
  const channel = new BroadcastChannel(name)
  const post = (message: Message) => channel.postMessage(message)
  let delivering = false
  let leaderCounters: Counters | undefined

  const { value: engine, scope } = await openScoped<Engine, unknown>(
    makeEngine({
      openStore: openIndexedDbStore(database),
      owner,
      password: options.password,
      makeDelivery: (password, observe) => createClient({ ...client, password, onExchange: observe }),
      onExchange,
      // The Web Lock makes this tab the only claimant: a lease only has to outlast a request.
      leaseMs: 60_000,
      pollIntervalMs,
      closeTimeoutMs,
      backoff,
      onSettled: (id, settlement) =>
        post(
          Either.match(settlement, {
            // Only dead letters (faults) and results are settled here; `Closed` is each tab's own.
            onLeft: (error) => ({
              kind: "settled",
              id,
              ...(error._tag === "CtiFault" ? { fault: faultRecord(error) } : {}),
            }),
            onRight: (result) => ({ kind: "settled", id, result: result as Result }),
          }),
        ),
    }),
  ).catch((error) => {
    channel.close()
    throw error
  })
  const persisted = await requestPersistence()
  const outbox = engine.outbox
  const listeners = new Set<(event: BrowserOutboxEvent) => void>()
  const tell = (event: BrowserOutboxEvent) => {
    for (const listener of listeners) listener(event)
  }
  // The delivering tab's events go to every tab; the engine's own listener feeds this tab.
  outbox.listen((event) => {
    if (delivering) post({ kind: "event", event, counters: engine.local() })
  })
  const stopLocal = outbox.listen(tell)

  channel.onmessage = ({ data }: MessageEvent<Message>) => {
    switch (data.kind) {
      case "event":
        if (delivering) return
        leaderCounters = data.counters
        return Effect.runSync(engine.emit(data.event))
      case "settled":
        return void Effect.runFork(engine.settle(data.id, settlementOf(data)))
      case "work":
        if (delivering) Effect.runFork(engine.notify)
        return
      case "credentials":
        if (delivering) Effect.runFork(outbox.setCredentials({ password: data.password }))
        return
      case "hello":
        if (delivering) post({ kind: "counters", counters: engine.local() })
        return
      case "counters":
        if (!delivering) leaderCounters = data.counters
    }
  }
  post({ kind: "hello" })

  // One tab per origin, endpoint and user delivers: the one holding the lock, until it closes or goes away.
  const waiting = new AbortController()
  let handBack: () => void = () => undefined
  const released = new Promise<void>((resolve) => {
    handBack = resolve
  })
  let deliveryScope: Scope.CloseableScope | undefined
  const held = navigator.locks
    .request(name, { signal: waiting.signal }, async () => {
      delivering = true
      deliveryScope = Effect.runSync(Scope.make())
      await Effect.runPromise(Scope.extend(engine.deliver, deliveryScope))
      tell({ type: "delivering", delivering: true })
      await released
    })
    // Aborted while waiting for the lock: this tab is closing.
    .catch(() => undefined)

  const enqueued = <A>(promise: Promise<A>) =>
    promise.then((receipts) => {
      if (!delivering) post({ kind: "work" })
      return receipts
    })
  const face = promiseFace(outbox, async () => undefined)
  let closed: Promise<void> | undefined
  return {
    ...face,
    enqueueInsert: (interactions) => enqueued(face.enqueueInsert(interactions)),
    enqueueWrapUp: (interactions) => enqueued(face.enqueueWrapUp(interactions)),
    setCredentials: async (credentials) => {
      await face.setCredentials(credentials)
      if (!delivering) post({ kind: "credentials", password: credentials.password })
    },
    stats: async () => {
      const stats = await run(outbox.stats)
      return { ...stats, ...(delivering ? {} : leaderCounters), delivering, persisted }
    },
    on: (listener) => {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    close: () => {
      closed ??= (async () => {
        waiting.abort()
        if (deliveryScope !== undefined) await Effect.runPromise(Scope.close(deliveryScope, Exit.void))
        if (delivering) {
          delivering = false
          tell({ type: "delivering", delivering: false })
        }
        handBack()
        await held
        stopLocal()
        channel.close()
        await Effect.runPromise(Scope.close(scope, Exit.void))
      })()
      return closed
    },
  }
}
