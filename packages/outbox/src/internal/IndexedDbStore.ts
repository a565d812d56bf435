import * as Effect from "effect/Effect"
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB } from "idb"
import type { Operation } from "../DeadLetter.js"
import { OutboxError } from "../OutboxError.js"
import type { ClaimedEntry, OutboxStore, Owner } from "./Store.js"

interface Row {
  id?: number
  endpoint: string
  username: string
  company: string
  operation: Operation
  interactionId: string
  agentOfferTime: number
  interaction: string
  enqueuedAt: number
  attempts: number
  nextAttemptAt: number
  claimedBy: string | null
  leaseUntil: number | null
  deadAt: number | null
  fault: string | null
}
type StoredRow = Row & { id: number }

interface OutboxDb extends DBSchema {
  entries: {
    key: number
    value: Row
    indexes: { owner: [string, string]; identity: [string, string, string, number] }
  }
}

type Db = IDBPDatabase<OutboxDb>
type Tx = IDBPTransaction<OutboxDb, ["entries"], "readwrite">

const isQuotaError = (cause: unknown) =>
  typeof cause === "object" && cause !== null && (cause as { name?: unknown }).name === "QuotaExceededError"

const failed = (what: string) => (cause: unknown) =>
  isQuotaError(cause)
    ? new OutboxError({
        reason: "QuotaExceeded",
        message: `The browser's storage quota for this site is used up: the outbox could not ${what}`,
        cause,
      })
    : new OutboxError({ reason: "StoreFailed", message: `The outbox store could not ${what}: ${String(cause)}`, cause })

const identityKey = (row: Pick<Row, "endpoint" | "company" | "interactionId" | "agentOfferTime">) =>
  [row.endpoint, row.company, row.interactionId, row.agentOfferTime] as [string, string, string, number]

/** The owner's rows, in the order they were stored (an index's entries of one key come in primary-key order). */
const ownerRows = async (tx: IDBPTransaction<OutboxDb, ["entries"], IDBTransactionMode>, owner: Owner) =>
  (await tx.objectStore("entries").index("owner").getAll([owner.endpoint, owner.username])) as Array<StoredRow>

/**
 * The browser's store: one IndexedDB database per origin (through `idb`), shared by the origin's tabs. The tab that
 * holds the outbox's Web Lock is the only one that claims, so a new holder takes every claim over (`releaseAll`).
 * Enqueues are committed with `durability: "strict"`: on disk before they resolve.
 */
export const openIndexedDbStore = (name: string): Effect.Effect<OutboxStore, OutboxError> =>
  Effect.tryPromise({
    try: () =>
      openDB<OutboxDb>(name, 1, {
        upgrade: (db) => {
          const entries = db.createObjectStore("entries", { keyPath: "id", autoIncrement: true })
          entries.createIndex("owner", ["endpoint", "username"])
          entries.createIndex("identity", ["endpoint", "company", "interactionId", "agentOfferTime"])
        },
      }),
    catch: failed(`open the IndexedDB database ${JSON.stringify(name)}`),
  }).pipe(Effect.map(makeStore))

const makeStore = (db: Db): OutboxStore => {
  const write = <A>(what: string, body: (tx: Tx) => Promise<A>, durability: "strict" | "default" = "default") =>
    Effect.tryPromise({
      try: async () => {
        const tx = db.transaction("entries", "readwrite", { durability })
        try {
          const [result] = await Promise.all([body(tx), tx.done])
          return result
        } catch (cause) {
          // All or nothing: what the body wrote before it failed (a quota error on the third entry) is undone.
          try {
            tx.abort()
          } catch {
            // Already aborted by the failure itself, or already committed.
          }
          throw cause
        }
      },
      catch: failed(what),
    })
  const read = <A>(what: string, body: (tx: IDBPTransaction<OutboxDb, ["entries"], "readonly">) => Promise<A>) =>
    Effect.tryPromise({
      try: async () => {
        const tx = db.transaction("entries", "readonly")
        const [result] = await Promise.all([body(tx), tx.done])
        return result
      },
      catch: failed(what),
    })

  return {
    enqueue: (owner, entries) =>
      write(
        "store the interactions",
        async (tx) => {
          const store = tx.objectStore("entries")
          const ids: Array<number> = []
          const now = Date.now()
          for (const entry of entries) {
            const row: Row = {
              endpoint: owner.endpoint,
              username: owner.username,
              company: owner.company,
              ...entry,
              enqueuedAt: now,
              attempts: 0,
              nextAttemptAt: 0,
              claimedBy: null,
              leaseUntil: null,
              deadAt: null,
              fault: null,
            }
            const twins = (await store.index("identity").getAll(identityKey(row))) as Array<StoredRow>
            const pending = twins.find((twin) => twin.operation === entry.operation && twin.deadAt === null)
            ids.push(pending?.id ?? (await store.add(row)))
          }
          return ids
        },
        "strict",
      ),
    claim: (owner, limit, leaseMs) =>
      write("claim interactions", async (tx) => {
        const now = Date.now()
        const seen = new Set<string>()
        const claimed: Array<ClaimedEntry> = []
        for (const row of await ownerRows(tx, owner)) {
          if (claimed.length >= limit) break
          if (row.deadAt !== null) continue
          // The head of each identity only: an entry waits while one stored before it is pending.
          const identity = JSON.stringify([row.company, row.interactionId, row.agentOfferTime])
          if (seen.has(identity)) continue
          seen.add(identity)
          if ((row.leaseUntil !== null && row.leaseUntil >= now) || row.nextAttemptAt > now) continue
          const reclaimed = row.claimedBy !== null
          await tx.objectStore("entries").put({ ...row, claimedBy: owner.claimant, leaseUntil: now + leaseMs })
          claimed.push({
            id: row.id,
            operation: row.operation,
            interactionId: row.interactionId,
            agentOfferTime: row.agentOfferTime,
            interaction: row.interaction,
            attempts: row.attempts,
            reclaimed,
          })
        }
        return claimed
      }),
    renew: (owner, ids, leaseMs) =>
      write("renew its claims", async (tx) => {
        const store = tx.objectStore("entries")
        const until = Date.now() + leaseMs
        for (const id of ids) {
          const row = await store.get(id)
          if (row !== undefined && row.claimedBy === owner.claimant && row.deadAt === null)
            await store.put({ ...row, leaseUntil: until })
        }
      }),
    complete: (ids) =>
      write("remove delivered interactions", async (tx) => {
        for (const id of ids) await tx.objectStore("entries").delete(id)
      }),
    release: (owner, releases) =>
      write("hand claims back", async (tx) => {
        const store = tx.objectStore("entries")
        const now = Date.now()
        for (const { id, delayMs, failed } of releases) {
          const row = await store.get(id)
          if (row === undefined || row.claimedBy !== owner.claimant) continue
          await store.put({
            ...row,
            claimedBy: null,
            leaseUntil: null,
            nextAttemptAt: now + delayMs,
            attempts: row.attempts + (failed ? 1 : 0),
          })
        }
      }),
    // The lock holder is the only claimant: what another tab claimed before it went away is free again.
    releaseAll: (owner) =>
      write("hand claims back", async (tx) => {
        for (const row of await ownerRows(tx, owner))
          if (row.claimedBy !== null) await tx.objectStore("entries").put({ ...row, claimedBy: null, leaseUntil: null })
      }),
    kill: (id, fault) =>
      write("keep a dead letter", async (tx) => {
        const store = tx.objectStore("entries")
        const head = await store.get(id)
        if (head === undefined) return []
        const now = Date.now()
        const dead: Array<number> = []
        for (const row of (await store.index("identity").getAll(identityKey(head))) as Array<StoredRow>) {
          if (row.deadAt !== null || row.id < id) continue
          await store.put({ ...row, deadAt: now, fault: JSON.stringify(fault), claimedBy: null, leaseUntil: null })
          dead.push(row.id)
        }
        return dead
      }),
    deadLetters: (owner) =>
      read("read dead letters", async (tx) =>
        (await ownerRows(tx, owner)).flatMap((row) =>
          row.deadAt === null
            ? []
            : [
                {
                  id: row.id,
                  operation: row.operation,
                  interaction: row.interaction,
                  fault: row.fault!,
                  at: row.deadAt,
                },
              ],
        ),
      ),
    revive: (ids) =>
      write("put dead letters back", async (tx) => {
        const store = tx.objectStore("entries")
        for (const id of ids) {
          const row = await store.get(id)
          if (row === undefined || row.deadAt === null) continue
          const twins = (await store.index("identity").getAll(identityKey(row))) as Array<StoredRow>
          if (twins.some((twin) => twin.operation === row.operation && twin.deadAt === null)) await store.delete(id)
          else await store.put({ ...row, deadAt: null, fault: null, attempts: 0, nextAttemptAt: 0 })
        }
      }),
    states: (ids) =>
      read("look at entries", async (tx) => {
        const states: Array<{ id: number; fault: string | null }> = []
        for (const id of ids) {
          const row = await tx.objectStore("entries").get(id)
          if (row !== undefined) states.push({ id, fault: row.fault })
        }
        return states
      }),
    pending: (owner) =>
      read("count pending interactions", async (tx) => {
        const pending = (await ownerRows(tx, owner)).filter((row) => row.deadAt === null)
        const oldest = pending.reduce((least, row) => Math.min(least, row.enqueuedAt), Number.POSITIVE_INFINITY)
        return { count: pending.length, oldestAgeMs: pending.length === 0 ? undefined : Date.now() - oldest }
      }),
    close: Effect.sync(() => db.close()),
  }
}
