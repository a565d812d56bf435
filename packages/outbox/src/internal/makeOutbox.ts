import { hostname } from "node:os"
import { requirePositiveNumber } from "@crmod-cti/core"
import { createClient } from "@crmod-cti/transport-node"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import type { OutboxOptions, OutboxShape } from "../Outbox.js"
import type { OutboxError } from "../OutboxError.js"
import type { OutboxEvent } from "../OutboxEvent.js"
import { backoffOf } from "./Backoff.js"
import { makeEngine, type OutboxInternal } from "./Engine.js"
import { openPostgresStore } from "./PostgresStore.js"
import { openSqliteStore } from "./SqliteStore.js"
import type { Owner } from "./Store.js"

/** The service, and a plain listener for the Promise face's `on`. */
export type NodeOutbox = OutboxInternal & Pick<OutboxShape, "events">

const isPostgresUrl = (store: string) => /^postgres(ql)?:\/\//i.test(store)

const openStore = (store: string) => (isPostgresUrl(store) ? openPostgresStore(store) : openSqliteStore(store))

/** The outbox in `scope`: closing the scope closes it (requests in flight finish within `closeTimeoutMs`). */
export const makeOutbox = (options: OutboxOptions): Effect.Effect<NodeOutbox, OutboxError, Scope.Scope> =>
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
      onExchange,
      ...clientOptions
    } = options
    // transport-node's client: paced with every other client of the user in this process.
    const makeDelivery = (password: string, observe: NonNullable<OutboxOptions["onExchange"]>) =>
      createClient({ ...clientOptions, password, onExchange: observe })
    const owner: Owner = {
      endpoint: options.endpoint,
      username: options.username,
      company: options.username.split("/")[0] ?? options.username,
      claimant: `${hostname()}:${process.pid}:${crypto.randomUUID()}`,
    }
    const engine = yield* makeEngine({
      openStore: openStore(location),
      owner,
      password: options.password,
      makeDelivery,
      onExchange,
      leaseMs,
      pollIntervalMs,
      closeTimeoutMs,
      backoff,
    })
    yield* engine.deliver
    const events = Stream.async<OutboxEvent>((emit) => {
      const stop = engine.outbox.listen((event) => void emit.single(event))
      return Effect.sync(stop)
    })
    return { ...engine.outbox, events }
  })
