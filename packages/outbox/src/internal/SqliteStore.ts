import { mkdirSync } from "node:fs"
import { join } from "node:path"
import Database from "better-sqlite3"
import * as Effect from "effect/Effect"
import type { Operation } from "../DeadLetter.js"
import { OutboxError } from "../OutboxError.js"
import type { ClaimedEntry, DeadEntry, OutboxStore, Owner } from "./Store.js"

const schema = `
CREATE TABLE IF NOT EXISTS entries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  endpoint TEXT NOT NULL,
  username TEXT NOT NULL,
  company TEXT NOT NULL,
  operation TEXT NOT NULL,
  interaction_id TEXT NOT NULL,
  agent_offer_time INTEGER NOT NULL,
  interaction TEXT NOT NULL,
  enqueued_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  claimed_by TEXT,
  lease_until INTEGER,
  dead_at INTEGER,
  fault TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS entries_pending_once
  ON entries (endpoint, company, interaction_id, agent_offer_time, operation) WHERE dead_at IS NULL;
CREATE INDEX IF NOT EXISTS entries_identity ON entries (endpoint, company, interaction_id, agent_offer_time, id);
CREATE INDEX IF NOT EXISTS entries_queue ON entries (endpoint, username, id) WHERE dead_at IS NULL;
`

// The head of each identity only: an entry waits while one stored before it for the same identity is pending.
const claimable = `
SELECT c.id, c.operation, c.interaction_id AS interactionId, c.agent_offer_time AS agentOfferTime,
       c.interaction, c.attempts, (c.claimed_by IS NOT NULL AND c.lease_until < @now) AS reclaimed
FROM entries c
WHERE c.endpoint = @endpoint AND c.username = @username AND c.dead_at IS NULL
  AND (c.lease_until IS NULL OR c.lease_until < @now) AND c.next_attempt_at <= @now
  AND NOT EXISTS (
    SELECT 1 FROM entries p
    WHERE p.endpoint = c.endpoint AND p.company = c.company AND p.interaction_id = c.interaction_id
      AND p.agent_offer_time = c.agent_offer_time AND p.id < c.id AND p.dead_at IS NULL)
ORDER BY c.id
LIMIT @limit`

const failed = (message: string) => (cause: unknown) =>
  new OutboxError({ reason: "StoreFailed", message: `${message}: ${String(cause)}`, cause })

const isBusy = (cause: unknown) =>
  typeof cause === "object" && cause !== null && String((cause as { code?: unknown }).code).startsWith("SQLITE_BUSY")

const openDatabase = (directory: string): Database.Database => {
  mkdirSync(directory, { recursive: true })
  const db = new Database(join(directory, "outbox.sqlite"), { timeout: 0 })
  try {
    db.pragma("journal_mode = WAL")
    // Every commit is on disk before it returns: a kill -9 or a power cut right after loses nothing.
    db.pragma("synchronous = FULL")
    // One process at a time: the exclusive lock is taken now and held until the store is closed.
    db.pragma("locking_mode = EXCLUSIVE")
    db.exec("BEGIN IMMEDIATE; COMMIT")
    db.exec(schema)
    // The lock says no other outbox has it open: claims left by one that died are stale, whatever their lease.
    db.exec("UPDATE entries SET claimed_by = NULL, lease_until = NULL WHERE claimed_by IS NOT NULL")
    return db
  } catch (cause) {
    db.close()
    throw cause
  }
}

/**
 * The embedded store: SQLite in `directory` (created if missing), in WAL mode with `synchronous=FULL`, held with
 * an exclusive lock so that one outbox opens it at a time.
 */
export const openSqliteStore = (directory: string): Effect.Effect<OutboxStore, OutboxError> =>
  Effect.try({
    try: () => openDatabase(directory),
    catch: (cause) =>
      isBusy(cause)
        ? new OutboxError({
            reason: "StoreInUse",
            message: `The outbox store ${directory} is open in another outbox (one process at a time)`,
            cause,
          })
        : failed(`The outbox store ${directory} could not be opened`)(cause),
  }).pipe(Effect.map(makeStore))

const makeStore = (db: Database.Database): OutboxStore => {
  const insert = db.prepare(`
    INSERT INTO entries (endpoint, username, company, operation, interaction_id, agent_offer_time, interaction, enqueued_at)
    VALUES (@endpoint, @username, @company, @operation, @interactionId, @agentOfferTime, @interaction, @now)
    ON CONFLICT (endpoint, company, interaction_id, agent_offer_time, operation) WHERE dead_at IS NULL DO NOTHING
    RETURNING id`)
  const existing = db.prepare<unknown[], { id: number }>(`
    SELECT id FROM entries WHERE endpoint = @endpoint AND company = @company AND interaction_id = @interactionId
      AND agent_offer_time = @agentOfferTime AND operation = @operation AND dead_at IS NULL`)
  const candidates = db.prepare<unknown[], Omit<ClaimedEntry, "reclaimed"> & { reclaimed: number }>(claimable)
  const claimOne = db.prepare("UPDATE entries SET claimed_by = @claimant, lease_until = @until WHERE id = @id")
  const renewOne = db.prepare(
    "UPDATE entries SET lease_until = @until WHERE id = @id AND claimed_by = @claimant AND dead_at IS NULL",
  )
  const remove = db.prepare("DELETE FROM entries WHERE id = ?")
  const releaseOne = db.prepare(`
    UPDATE entries SET claimed_by = NULL, lease_until = NULL, next_attempt_at = @at, attempts = attempts + @failed
    WHERE id = @id AND claimed_by = @claimant`)
  const releaseAll = db.prepare("UPDATE entries SET claimed_by = NULL, lease_until = NULL WHERE claimed_by = ?")
  const kill = db.prepare<unknown[], { id: number }>(`
    UPDATE entries SET dead_at = @now, fault = @fault, claimed_by = NULL, lease_until = NULL
    WHERE dead_at IS NULL AND (id = @id OR id IN (
      SELECT f.id FROM entries f JOIN entries h ON h.id = @id
      WHERE f.endpoint = h.endpoint AND f.company = h.company AND f.interaction_id = h.interaction_id
        AND f.agent_offer_time = h.agent_offer_time AND f.id > h.id))
    RETURNING id`)
  const dead = db.prepare<unknown[], DeadEntry>(`
    SELECT id, operation, interaction, fault, dead_at AS at FROM entries
    WHERE endpoint = @endpoint AND username = @username AND dead_at IS NOT NULL ORDER BY id`)
  const dropRevivedTwin = db.prepare(`
    DELETE FROM entries WHERE id = @id AND EXISTS (
      SELECT 1 FROM entries t JOIN entries d ON d.id = @id
      WHERE t.endpoint = d.endpoint AND t.company = d.company AND t.interaction_id = d.interaction_id
        AND t.agent_offer_time = d.agent_offer_time AND t.operation = d.operation AND t.dead_at IS NULL)`)
  const revive = db.prepare(`
    UPDATE entries SET dead_at = NULL, fault = NULL, attempts = 0, next_attempt_at = 0
    WHERE id = ? AND dead_at IS NOT NULL`)
  const state = db.prepare<unknown[], { id: number; fault: string | null }>(
    "SELECT id, fault FROM entries WHERE id = ?",
  )
  const pending = db.prepare<unknown[], { count: number; oldest: number | null }>(`
    SELECT count(*) AS count, min(enqueued_at) AS oldest FROM entries
    WHERE endpoint = @endpoint AND username = @username AND dead_at IS NULL`)

  const run = <A>(what: string, body: () => A): Effect.Effect<A, OutboxError> =>
    Effect.try({ try: db.transaction(body), catch: failed(`The outbox store could not ${what}`) })
  const ownerOf = (owner: Owner) => ({ endpoint: owner.endpoint, username: owner.username, company: owner.company })

  return {
    enqueue: (owner, entries) =>
      run("store the interactions", () => {
        const now = Date.now()
        return entries.map((entry) => {
          const values = { ...ownerOf(owner), ...entry, now }
          const added = insert.get(values) as { id: number } | undefined
          return added?.id ?? (existing.get(values) as { id: number }).id
        })
      }),
    claim: (owner, limit, leaseMs) =>
      run("claim interactions", () => {
        const now = Date.now()
        const claimed = candidates.all({ ...ownerOf(owner), now, limit })
        for (const entry of claimed) claimOne.run({ id: entry.id, claimant: owner.claimant, until: now + leaseMs })
        return claimed.map((entry) => ({
          ...entry,
          operation: entry.operation as Operation,
          reclaimed: entry.reclaimed === 1,
        }))
      }),
    renew: (owner, ids, leaseMs) =>
      run("renew its claims", () => {
        const until = Date.now() + leaseMs
        for (const id of ids) renewOne.run({ id, claimant: owner.claimant, until })
      }),
    complete: (ids) =>
      run("remove delivered interactions", () => {
        for (const id of ids) remove.run(id)
      }),
    release: (owner, releases) =>
      run("hand claims back", () => {
        const now = Date.now()
        for (const { id, delayMs, failed } of releases)
          releaseOne.run({ id, claimant: owner.claimant, at: now + delayMs, failed: failed ? 1 : 0 })
      }),
    releaseAll: (owner) =>
      run("hand claims back", () => {
        releaseAll.run(owner.claimant)
      }),
    kill: (id, fault) =>
      run("keep a dead letter", () =>
        kill.all({ id, fault: JSON.stringify(fault), now: Date.now() }).map((row) => row.id),
      ),
    deadLetters: (owner) => run("read dead letters", () => dead.all(ownerOf(owner))),
    revive: (ids) =>
      run("put dead letters back", () => {
        for (const id of ids) if (dropRevivedTwin.run({ id }).changes === 0) revive.run(id)
      }),
    states: (ids) => run("look at entries", () => ids.flatMap((id) => state.all(id))),
    pending: (owner) =>
      run("count pending interactions", () => {
        const now = Date.now()
        const row = pending.get(ownerOf(owner)) as { count: number; oldest: number | null }
        return { count: row.count, oldestAgeMs: row.oldest === null ? undefined : now - row.oldest }
      }),
    close: Effect.sync(() => db.close()),
  }
}
