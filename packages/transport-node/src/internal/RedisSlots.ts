import { createHash, randomUUID } from "node:crypto"
import { allowedAt, type RateLimit, remember } from "@crmod-cti/core"
import { currentTimeMs, type Slot, type SlotSource, type SlotSourceFactory } from "@crmod-cti/soap-http"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type { Redis, RedisOptions } from "ioredis"
import type { SharedLimitsSettings } from "./sharedLimitsSettings.js"
import { answeredScript, claimScript, holdScript, releaseScript, sentScript } from "./slotScripts.js"

/**
 * How long a request left unanswered is looked at again, within its margin, by the other processes; and the most a
 * slot is granted ahead of its time (see `claimScript`).
 */
const PollMs = 5
/** The longest a granted slot's request is waited for to leave (its process stalled, or died). */
const SendBoundMs = 1_000
/** The longest the next request waits for an answer late on a service that answers within the margin (a stall). */
const StallBoundMs = 250
/**
 * A service that usually answers within this is near by (the emulator, a gateway on the same network): a late
 * answer from it is a stall, waited for. CRM On Demand over the Internet answers slower, and is paced by the margin.
 */
const QuickAnswerMs = 30
/** How long a user's stamps outlive their last request in Redis (the rate limit looks one second back). */
const StampsTtlMs = 60_000
/** The longest pause the allotment puts between two requests of a company (as long as the longest RequestWait). */
const MostAllotmentPauseMs = 10_000
/**
 * How fast the fleet's margin narrows after a fault widened it: what a pacer's narrowing (0.02 ms an answer) comes
 * to at the full rate of 20 answers a second.
 */
const FleetMarginNarrowingMsPerSecond = 0.4
/** How long a widened fleet margin is kept at most. */
const FleetMarginTtlMs = 600_000
/**
 * The least margin of a process's requests until the first answer comes: they open its connections and run its code
 * cold, and reach the service later than its margin assumes. A quick answer ends the wait all the same.
 */
const ColdMarginMs = 100
/** While pacing alone, how often Redis is asked again whether it answers. */
const ProbeMs = 1_000
/** How long the first request waits for the connection to Redis before pacing alone. */
const ConnectGraceMs = 2_000
/** Longest wait for one Redis command: past it, Redis counts as unreachable. */
const CommandTimeoutMs = 1_000

interface Script {
  readonly lua: string
  readonly sha: string
}
const script = (lua: string): Script => ({ lua, sha: createHash("sha1").update(lua).digest("hex") })
const scripts = {
  claim: script(claimScript),
  answered: script(answeredScript),
  release: script(releaseScript),
  hold: script(holdScript),
  sent: script(sentScript),
}

/** Runs a script by its hash, sending it whole the first time Redis does not know it (what `EVALSHA` is for). */
const run = (
  connection: Redis,
  { lua, sha }: Script,
  keys: ReadonlyArray<string>,
  args: ReadonlyArray<string | number>,
): Promise<unknown> =>
  connection
    .evalsha(sha, keys.length, ...keys, ...args)
    .catch((error: unknown) =>
      error instanceof Error && error.message.startsWith("NOSCRIPT")
        ? connection.eval(lua, keys.length, ...keys, ...args)
        : Promise.reject(error),
    )

/**
 * The keys of a user at an endpoint. One hash tag per company and endpoint, so that a script's keys are in one slot;
 * CRM On Demand's sign-in ids are case-insensitive.
 */
const keysOf = (prefix: string, endpoint: string, username: string) => {
  const slash = username.indexOf("/")
  const company = (slash < 0 ? username : username.slice(0, slash)).toUpperCase()
  const tag = `${prefix}{${endpoint}|${company}}`
  const user = `${tag}:user:${username.toLowerCase()}`
  return {
    stamps: `${user}:stamps`,
    last: `${user}:last`,
    hold: `${user}:hold`,
    margin: `${user}:margin`,
    latency: `${user}:latency`,
    answers: `${user}:answers`,
    operations: `${tag}:operations`,
    slow: `${tag}:slow`,
  }
}

/** A user's pacing in this process alone, at a quarter of the limit: what keeps a fleet safe while Redis is gone. */
const makeAlonePacing = (limit: RateLimit) => {
  const quarter: RateLimit = {
    perSecond: Math.max(1, Math.floor(limit.perSecond / 4)),
    minSpacingMs: limit.minSpacingMs * 4,
  }
  const stamps: Array<number> = []
  let holdUntil = Number.NEGATIVE_INFINITY
  return {
    /** Ms until the next turn; none left: the turn is taken. */
    take: (now: number): number => {
      const at = Math.max(holdUntil, allowedAt(stamps, now, quarter))
      if (at <= now) remember(stamps, now, quarter)
      return Math.max(0, at - now)
    },
    hold: (now: number, ms: number) => {
      holdUntil = Math.max(holdUntil, now + ms)
    },
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * The slot source of one user at one endpoint over Redis (see `slotScripts`); the first request waits for the
 * connection (at most `ConnectGraceMs`). When Redis cannot be reached, at the start or later, the user's clients in
 * this process pace alone at a quarter of the limit, saying so once in the log, and ask Redis again every second.
 * ioredis is loaded with the first source: a process without shared limits never loads it.
 */
const makeRedisSlots = (
  settings: SharedLimitsSettings,
  endpoint: string,
  username: string,
  limit: RateLimit,
): SlotSource => {
  const keys = keysOf(settings.keyPrefix, endpoint, username)
  const alone = makeAlonePacing(limit)
  const idPrefix = randomUUID()
  let ids = 0
  let connection: Redis | undefined
  // A second connection, subscribed to the user's answers: a claim waiting on a request still unanswered (another
  // process's, as often as not) asks again as soon as the answer is in, rather than at its next poll. A missed wake (a
  // publish just before the claim starts waiting, or this connection down) only costs that poll.
  let subscriber: Redis | undefined
  const waiting = new Set<() => void>()
  const answerOrPoll = (ms: number) =>
    Effect.race(
      Effect.sleep(ms),
      Effect.async<void>((resume) => {
        const wake = () => resume(Effect.void)
        waiting.add(wake)
        return Effect.sync(() => waiting.delete(wake))
      }),
    )
  let closed = false
  /** Since when this process paces alone (undefined: with Redis), and when to ask Redis again. */
  let aloneSince: number | undefined
  let probeAt = 0
  let warm = false
  // This process's last round trips (sent to answered), as many as the limit's window: half the shortest is the
  // part of every round trip the next request pays too (the pacer's `credit`), so the stamp is taken that much earlier.
  const roundTrips: Array<number> = []

  const options: RedisOptions = {
    enableOfflineQueue: false,
    commandTimeout: CommandTimeoutMs,
    connectTimeout: CommandTimeoutMs * 2,
    maxRetriesPerRequest: 0,
    retryStrategy: (times) => Math.min(times * 100, ProbeMs),
  }
  // Settles when the connection is first ready, or first fails: until then the first request waits.
  const started: Promise<void> = import("ioredis").then(
    ({ Redis: RedisClient }) =>
      new Promise<void>((resolve) => {
        if (closed) return resolve()
        const made = new RedisClient(settings.redis, options)
        connection = made
        const listening = new RedisClient(settings.redis, options)
        subscriber = listening
        listening.on("error", () => undefined)
        listening.on("ready", () => listening.subscribe(keys.answers).catch(() => undefined))
        listening.on("message", () => {
          for (const wake of waiting) wake()
          waiting.clear()
        })
        // Failures are reported once by the pacing (below); ioredis would otherwise print each reconnection's.
        made.on("error", () => resolve())
        made.once("ready", () => resolve())
      }),
    () => undefined,
  )
  const connect = Effect.timeout(
    Effect.promise(() => started),
    ConnectGraceMs,
  ).pipe(Effect.ignore, Effect.cached, Effect.runSync)

  const goAlone = (now: number, error: unknown) =>
    Effect.suspend(() => {
      probeAt = now + ProbeMs
      if (aloneSince !== undefined) return Effect.void
      aloneSince = now
      return Effect.logWarning(
        `crmod-cti shared limits: Redis at ${settings.shown} cannot be reached (${messageOf(error)}); ` +
          `${username} at ${endpoint} is paced alone at a quarter of the limit until Redis answers again`,
      )
    })
  const backWithRedis = Effect.suspend(() => {
    if (aloneSince === undefined) return Effect.void
    aloneSince = undefined
    return Effect.logInfo(
      `crmod-cti shared limits: Redis at ${settings.shown} answers again; ${username} at ${endpoint} is paced with the fleet`,
    )
  })

  const call = (which: Script, scriptKeys: ReadonlyArray<string>, args: ReadonlyArray<string | number>) =>
    Effect.tryPromise(() =>
      connection === undefined
        ? Promise.reject(new Error("ioredis could not be loaded"))
        : run(connection, which, scriptKeys, args),
    )
  /** A script whose failure changes nothing but this process's view of Redis: the next claim finds out. */
  const quietly = (which: Script, scriptKeys: ReadonlyArray<string>, args: ReadonlyArray<string | number>) =>
    Effect.ignore(call(which, scriptKeys, args))

  /**
   * Runs a script without waiting for it: the request goes at once, its answer is read at once. Commands on one
   * connection run in order, so this process's next claim finds it done; a failure changes nothing but this
   * process's view of Redis, which the next claim finds out.
   */
  const tell = (which: Script, scriptKeys: ReadonlyArray<string>, args: ReadonlyArray<string | number>) =>
    Effect.sync(() => {
      connection?.status === "ready" && run(connection, which, scriptKeys, args).catch(() => undefined)
    })

  const sharedSlot = (id: string): Slot => {
    let sentAt: number | undefined
    return {
      // Said as the request leaves, in the same turn of the event loop: a process that stalls after its grant stalls
      // both, and the fleet counts its margin from when the request left.
      sent: (operations) =>
        Effect.zipRight(
          currentTimeMs.pipe(Effect.map((now) => (sentAt = now))),
          tell(
            scripts.sent,
            [keys.stamps, keys.last, keys.operations, keys.slow],
            [id, operations, settings.operationsAllotment ?? 0, MostAllotmentPauseMs],
          ),
        ),
      answered: Effect.flatMap(currentTimeMs, (now) => {
        warm = true
        if (sentAt !== undefined) remember(roundTrips, now - sentAt, limit)
        const credit = roundTrips.length === 0 ? 0 : Math.min(...roundTrips) / 2
        return tell(scripts.answered, [keys.stamps, keys.last, keys.latency], [id, StampsTtlMs, credit, keys.answers])
      }),
      release: quietly(scripts.release, [keys.stamps, keys.last], [id]),
    }
  }
  const aloneSlot: Slot = { sent: () => Effect.void, answered: Effect.void, release: Effect.void }

  const claim = (marginMs: number): Effect.Effect<Slot> =>
    Effect.gen(function* () {
      yield* connect
      for (;;) {
        const now = yield* Clock.currentTimeMillis
        if (connection?.status !== "ready") {
          yield* goAlone(now, new Error(`the connection is ${connection?.status ?? "not made"}`))
        } else if (aloneSince === undefined || now >= probeAt) {
          const id = `${idPrefix}-${ids++}`
          const answer = yield* Effect.either(
            call(
              scripts.claim,
              [keys.stamps, keys.last, keys.hold, keys.slow, keys.margin, keys.latency],
              [
                id,
                warm ? marginMs : Math.max(marginMs, ColdMarginMs),
                limit.perSecond,
                limit.minSpacingMs,
                PollMs,
                StampsTtlMs,
                FleetMarginNarrowingMsPerSecond,
                SendBoundMs,
                StallBoundMs,
                QuickAnswerMs,
              ],
            ),
          )
          if (answer._tag === "Right") {
            yield* backWithRedis
            const [granted, ms, until] = answer.right as [number, string, string?]
            if (granted === 1) {
              // Granted ahead (see `claimScript`): the slot is this process's from `ms` on.
              if (Number(ms) > 0) yield* Effect.sleep(Number(ms))
              return sharedSlot(id)
            }
            yield* until === "answer" ? answerOrPoll(Number(ms)) : Effect.sleep(Number(ms))
            continue
          }
          yield* goAlone(now, answer.left.error)
        }
        const wait = alone.take(now)
        if (wait === 0) return aloneSlot
        yield* Effect.sleep(Math.min(wait, Math.max(1, probeAt - now)))
      }
    })

  const hold = (ms: number, marginMs: number) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) => {
      alone.hold(now, ms)
      return aloneSince === undefined
        ? quietly(
            scripts.hold,
            [keys.hold, keys.margin],
            [ms, marginMs, FleetMarginTtlMs, FleetMarginNarrowingMsPerSecond],
          )
        : Effect.void
    })

  const close = Effect.sync(() => {
    closed = true
    connection?.disconnect()
    subscriber?.disconnect()
  })
  return { claim, hold, close }
}

/** The slot sources of `sharedLimits`: one per user and endpoint in this process, made by its pacer. */
export const redisSlots =
  (settings: SharedLimitsSettings): SlotSourceFactory =>
  (endpoint, username, limit) =>
    makeRedisSlots(settings, endpoint, username, limit)
