// Slot sources over two well-kept rate limiters on Redis, to measure against our own (`sharedLimits`, issue 17:
// "measure before choosing"). Each is configured as a user of the library would configure it for CRM On Demand's
// per-user limit (20 requests a second, 50 ms apart); neither knows when the service stamps a request (on its
// arrival), so both count a turn when it is granted. Neither shares a `RequestWait`: the hold stays in this process.
import type { Slot, SlotSource, SlotSourceFactory } from "@crmod-cti/soap-http"
import * as RateLimiter from "@effect/experimental/RateLimiter"
import * as RedisRateLimiter from "@effect/experimental/RateLimiter/Redis"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { Redis } from "ioredis"
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible"

/** How a library is set up, by the bench's name for it. */
export type LibraryConfig =
  | {
      readonly library: "effect"
      /** `spacing`: 1 per (50 ms + `extraMs`); `window`: 20 per second. */
      readonly shape: "spacing" | "window"
      /**
       * Added to the spacing: a fixed number of ms, or the pacer's margin (`"margin"`: 10 ms, widened by each
       * rate-limit fault's `RequestWait` and narrowing by 0.02 ms an answer), rounded up (the store's scripts
       * `SET … PX` the window, which takes whole milliseconds).
       */
      readonly extraMs?: number | "margin"
      readonly algorithm: "fixed-window" | "token-bucket"
    }
  | {
      readonly library: "rate-limiter-flexible"
      /** Points per 1 s window (the library's Redis store counts whole seconds only). */
      readonly points: number
      /** Spread the window's points evenly (the library's `execEvenly`, at least 50 ms apart). */
      readonly execEvenly: boolean
    }

/** A library's slot sources, and how to end what they share in this process. */
export interface LibrarySlots {
  readonly slots: SlotSourceFactory
  readonly close: () => Promise<void>
}

/** A slot granted by a library: it counted the turn when it granted it, and is told nothing after. */
const grantedSlot: Slot = { sent: () => Effect.void, answered: Effect.void, release: Effect.void }

/** A slot source that takes turns with `take` (which waits for the library's grant), holding in this process only. */
const sourceOf = (take: (marginMs: number) => Effect.Effect<void>): SlotSource => {
  let holdUntil = 0
  const held = Effect.flatMap(Clock.currentTimeMillis, (now) =>
    holdUntil > now ? Effect.sleep(holdUntil - now) : Effect.void,
  )
  return {
    claim: (marginMs) => Effect.as(Effect.zipRight(held, Effect.zipRight(take(marginMs), held)), grantedSlot),
    hold: (ms) =>
      Effect.map(Clock.currentTimeMillis, (now) => {
        holdUntil = Math.max(holdUntil, now + ms)
      }),
    close: Effect.void,
  }
}

const keyOf = (endpoint: string, username: string) => `${endpoint}|${username.toLowerCase()}`

/** `@effect/experimental`'s `RateLimiter` over its Redis store, waiting out the delay it answers (`onExceeded: "delay"`). */
const effectSlots = async (
  redisUrl: string,
  keyPrefix: string,
  config: Extract<LibraryConfig, { library: "effect" }>,
): Promise<LibrarySlots> => {
  const url = new URL(redisUrl)
  const runtime = ManagedRuntime.make(
    RateLimiter.layer.pipe(
      Layer.provide(RedisRateLimiter.layerStore({ host: url.hostname, port: Number(url.port), prefix: keyPrefix })),
    ),
  )
  const limiter = await runtime.runPromise(RateLimiter.RateLimiter)
  return {
    slots: (endpoint, username, limit) =>
      sourceOf((marginMs) =>
        limiter
          .consume({
            key: keyOf(endpoint, username),
            algorithm: config.algorithm,
            onExceeded: "delay",
            ...(config.shape === "spacing"
              ? {
                  limit: 1,
                  window: Duration.millis(
                    Math.ceil(limit.minSpacingMs + (config.extraMs === "margin" ? marginMs : (config.extraMs ?? 0))),
                  ),
                }
              : { limit: limit.perSecond, window: Duration.seconds(1) }),
          })
          .pipe(
            Effect.flatMap(({ delay }) => Effect.sleep(delay)),
            Effect.orDie,
          ),
      ),
    close: () => runtime.dispose(),
  }
}

/**
 * rate-limiter-flexible's `RateLimiterRedis` over ioredis, one limiter per user and endpoint: a refused `consume` is
 * tried again after the `msBeforeNext` it answers (what the library's `RateLimiterQueue` does, but across processes).
 */
const flexibleSlots = async (
  redisUrl: string,
  keyPrefix: string,
  config: Extract<LibraryConfig, { library: "rate-limiter-flexible" }>,
): Promise<LibrarySlots> => {
  // As the library's documentation advises: no offline queue, so that a Redis away fails a consume at once.
  const redis = new Redis(redisUrl, { enableOfflineQueue: false })
  await new Promise<void>((resolve, reject) => {
    redis.once("ready", resolve)
    redis.once("error", reject)
  })
  const slots: SlotSourceFactory = (endpoint, username, limit) => {
    const key = keyOf(endpoint, username)
    const limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix,
      points: config.points,
      duration: 1,
      execEvenly: config.execEvenly,
      execEvenlyMinDelayMs: limit.minSpacingMs,
    })
    const consume = async (): Promise<void> => {
      for (;;) {
        try {
          await limiter.consume(key)
          return
        } catch (refused) {
          if (!(refused instanceof RateLimiterRes)) throw refused
          await new Promise((resolve) => setTimeout(resolve, refused.msBeforeNext))
        }
      }
    }
    return sourceOf(() => Effect.promise(consume))
  }
  return {
    slots,
    close: async () => {
      redis.disconnect()
    },
  }
}

/** The slot sources of `config`'s library over the Redis at `redisUrl`, its keys under `keyPrefix`. */
export const librarySlots = (redisUrl: string, keyPrefix: string, config: LibraryConfig): Promise<LibrarySlots> =>
  config.library === "effect" ? effectSlots(redisUrl, keyPrefix, config) : flexibleSlots(redisUrl, keyPrefix, config)
