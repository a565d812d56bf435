import * as Effect from "effect/Effect"
import pg from "pg"
import type { Operation } from "../DeadLetter.js"
import { OutboxError } from "../OutboxError.js"
import type { OutboxStore, Owner } from "./Store.js"

// Leases are measured by the database's clock, the one clock every process of a fleet shares.
const now = "(extract(epoch from clock_timestamp()) * 1000)::bigint"

const schema = `
CREATE TABLE IF NOT EXISTS crmod_cti_outbox (
  id BIGSERIAL PRIMARY KEY,
  endpoint TEXT NOT NULL,
  username TEXT NOT NULL,
  company TEXT NOT NULL,
  operation TEXT NOT NULL,
  interaction_id TEXT NOT NULL,
  agent_offer_time BIGINT NOT NULL,
  interaction TEXT NOT NULL,
  enqueued_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL DEFAULT 0,
  claimed_by TEXT,
  lease_until BIGINT,
  dead_at BIGINT,
  fault TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS crmod_cti_outbox_pending_once
  ON crmod_cti_outbox (endpoint, company, interaction_id, agent_offer_time, operation) WHERE dead_at IS NULL;
CREATE INDEX IF NOT EXISTS crmod_cti_outbox_identity
  ON crmod_cti_outbox (endpoint, company, interaction_id, agent_offer_time, id);
CREATE INDEX IF NOT EXISTS crmod_cti_outbox_queue ON crmod_cti_outbox (endpoint, username, id) WHERE dead_at IS NULL;
`

// The head of each identity only, skipping rows another process is claiming right now (SKIP LOCKED).
const claim = `
WITH picked AS (
  SELECT c.id, (c.claimed_by IS NOT NULL AND c.lease_until < ${now}) AS reclaimed FROM crmod_cti_outbox c
  WHERE c.endpoint = $1 AND c.username = $2 AND c.dead_at IS NULL
    AND (c.lease_until IS NULL OR c.lease_until < ${now}) AND c.next_attempt_at <= ${now}
    AND NOT EXISTS (
      SELECT 1 FROM crmod_cti_outbox p
      WHERE p.endpoint = c.endpoint AND p.company = c.company AND p.interaction_id = c.interaction_id
        AND p.agent_offer_time = c.agent_offer_time AND p.id < c.id AND p.dead_at IS NULL)
  ORDER BY c.id LIMIT $3
  FOR UPDATE OF c SKIP LOCKED)
UPDATE crmod_cti_outbox e SET claimed_by = $4, lease_until = ${now} + $5
FROM picked WHERE e.id = picked.id
RETURNING e.id, e.operation, e.interaction_id, e.agent_offer_time, e.interaction, e.attempts, picked.reclaimed`

const failed = (message: string) => (cause: unknown) =>
  new OutboxError({ reason: "StoreFailed", message: `${message}: ${String(cause)}`, cause })

/**
 * The shared store: one table in a PostgreSQL database that any number of processes and users open at once.
 * Claims are leases taken with `FOR UPDATE SKIP LOCKED`, so a process that dies does not strand what it claimed.
 */
export const openPostgresStore = (url: string): Effect.Effect<OutboxStore, OutboxError> =>
  Effect.gen(function* () {
    const pool = new pg.Pool({ connectionString: url, max: 4 })
    // An idle connection the server closes is replaced on the next query; it must not bring the process down.
    pool.on("error", () => undefined)
    const transaction = <A>(what: string, body: (client: pg.PoolClient) => Promise<A>) =>
      Effect.tryPromise({
        try: async () => {
          const client = await pool.connect()
          try {
            await client.query("BEGIN")
            const result = await body(client)
            await client.query("COMMIT")
            return result
          } catch (cause) {
            await client.query("ROLLBACK").catch(() => undefined)
            throw cause
          } finally {
            client.release()
          }
        },
        catch: failed(`The outbox store could not ${what}`),
      })
    const query = <R extends pg.QueryResultRow>(what: string, text: string, values: ReadonlyArray<unknown>) =>
      Effect.tryPromise({
        try: () => pool.query<R>(text, values as Array<unknown>),
        catch: failed(`The outbox store could not ${what}`),
      })

    yield* transaction("be opened", async (client) => {
      // Processes starting together must not race to create the table.
      await client.query("SELECT pg_advisory_xact_lock(4242016)")
      await client.query(schema)
    }).pipe(Effect.tapError(() => Effect.promise(() => pool.end())))

    const key = (owner: Owner) => [owner.endpoint, owner.username] as const
    const store: OutboxStore = {
      enqueue: (owner, entries) =>
        transaction("store the interactions", async (client) => {
          const ids: Array<number> = []
          for (const entry of entries) {
            const values = [
              owner.endpoint,
              owner.username,
              owner.company,
              entry.operation,
              entry.interactionId,
              entry.agentOfferTime,
              entry.interaction,
            ]
            const added = await client.query<{ id: string }>(
              `INSERT INTO crmod_cti_outbox
                 (endpoint, username, company, operation, interaction_id, agent_offer_time, interaction, enqueued_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, ${now})
               ON CONFLICT (endpoint, company, interaction_id, agent_offer_time, operation) WHERE dead_at IS NULL
               DO NOTHING RETURNING id`,
              values,
            )
            const kept =
              added.rows[0] ??
              (
                await client.query<{ id: string }>(
                  `SELECT id FROM crmod_cti_outbox WHERE endpoint = $1 AND company = $2 AND operation = $3
                     AND interaction_id = $4 AND agent_offer_time = $5 AND dead_at IS NULL`,
                  [owner.endpoint, owner.company, entry.operation, entry.interactionId, entry.agentOfferTime],
                )
              ).rows[0]
            if (kept === undefined) throw new Error("an entry pending a moment ago was delivered meanwhile")
            ids.push(Number(kept.id))
          }
          return ids
        }),
      claim: (owner, limit, leaseMs) =>
        query<{
          id: string
          operation: Operation
          interaction_id: string
          agent_offer_time: string
          interaction: string
          attempts: number
          reclaimed: boolean
        }>("claim interactions", claim, [...key(owner), limit, owner.claimant, leaseMs]).pipe(
          Effect.map((result) =>
            result.rows
              .map((row) => ({
                id: Number(row.id),
                operation: row.operation,
                interactionId: row.interaction_id,
                agentOfferTime: Number(row.agent_offer_time),
                interaction: row.interaction,
                attempts: row.attempts,
                reclaimed: row.reclaimed,
              }))
              .sort((a, b) => a.id - b.id),
          ),
        ),
      renew: (owner, ids, leaseMs) =>
        query(
          "renew its claims",
          `UPDATE crmod_cti_outbox SET lease_until = ${now} + $3
           WHERE id = ANY($1::bigint[]) AND claimed_by = $2 AND dead_at IS NULL`,
          [ids, owner.claimant, leaseMs],
        ).pipe(Effect.asVoid),
      complete: (ids) =>
        query("remove delivered interactions", "DELETE FROM crmod_cti_outbox WHERE id = ANY($1::bigint[])", [ids]).pipe(
          Effect.asVoid,
        ),
      release: (owner, releases) =>
        query(
          "hand claims back",
          `UPDATE crmod_cti_outbox e SET claimed_by = NULL, lease_until = NULL,
             next_attempt_at = ${now} + r.delay, attempts = e.attempts + r.failed
           FROM unnest($1::bigint[], $2::bigint[], $3::int[]) AS r(id, delay, failed)
           WHERE e.id = r.id AND e.claimed_by = $4`,
          [
            releases.map((r) => r.id),
            releases.map((r) => Math.round(r.delayMs)),
            releases.map((r) => (r.failed ? 1 : 0)),
            owner.claimant,
          ],
        ).pipe(Effect.asVoid),
      releaseAll: (owner) =>
        query(
          "hand claims back",
          "UPDATE crmod_cti_outbox SET claimed_by = NULL, lease_until = NULL WHERE claimed_by = $1",
          [owner.claimant],
        ).pipe(Effect.asVoid),
      kill: (id, fault) =>
        query<{ id: string }>(
          "keep a dead letter",
          `UPDATE crmod_cti_outbox SET dead_at = ${now}, fault = $2, claimed_by = NULL, lease_until = NULL
           WHERE dead_at IS NULL AND (id = $1 OR id IN (
             SELECT f.id FROM crmod_cti_outbox f JOIN crmod_cti_outbox h ON h.id = $1
             WHERE f.endpoint = h.endpoint AND f.company = h.company AND f.interaction_id = h.interaction_id
               AND f.agent_offer_time = h.agent_offer_time AND f.id > h.id))
           RETURNING id`,
          [id, JSON.stringify(fault)],
        ).pipe(Effect.map((result) => result.rows.map((row) => Number(row.id)))),
      deadLetters: (owner) =>
        query<{ id: string; operation: Operation; interaction: string; fault: string; at: string }>(
          "read dead letters",
          `SELECT id, operation, interaction, fault, dead_at AS at FROM crmod_cti_outbox
           WHERE endpoint = $1 AND username = $2 AND dead_at IS NOT NULL ORDER BY id`,
          key(owner),
        ).pipe(Effect.map((result) => result.rows.map((row) => ({ ...row, id: Number(row.id), at: Number(row.at) })))),
      revive: (ids) =>
        transaction("put dead letters back", async (client) => {
          for (const id of ids) {
            const twin = await client.query(
              `DELETE FROM crmod_cti_outbox d WHERE d.id = $1 AND EXISTS (
                 SELECT 1 FROM crmod_cti_outbox t
                 WHERE t.endpoint = d.endpoint AND t.company = d.company AND t.interaction_id = d.interaction_id
                   AND t.agent_offer_time = d.agent_offer_time AND t.operation = d.operation AND t.dead_at IS NULL)`,
              [id],
            )
            if (twin.rowCount === 0)
              await client.query(
                `UPDATE crmod_cti_outbox SET dead_at = NULL, fault = NULL, attempts = 0, next_attempt_at = 0
                 WHERE id = $1 AND dead_at IS NOT NULL`,
                [id],
              )
          }
        }),
      states: (ids) =>
        query<{ id: string; fault: string | null }>(
          "look at entries",
          "SELECT id, fault FROM crmod_cti_outbox WHERE id = ANY($1::bigint[])",
          [ids],
        ).pipe(Effect.map((result) => result.rows.map((row) => ({ id: Number(row.id), fault: row.fault })))),
      pending: (owner) =>
        query<{ count: string; age: string | null }>(
          "count pending interactions",
          `SELECT count(*) AS count, ${now} - min(enqueued_at) AS age FROM crmod_cti_outbox
           WHERE endpoint = $1 AND username = $2 AND dead_at IS NULL`,
          key(owner),
        ).pipe(
          Effect.map((result) => {
            const row = result.rows[0]
            return {
              count: Number(row?.count ?? 0),
              oldestAgeMs: row?.age === null || row?.age === undefined ? undefined : Number(row.age),
            }
          }),
        ),
      close: Effect.promise(() => pool.end()),
    }
    return store
  })
