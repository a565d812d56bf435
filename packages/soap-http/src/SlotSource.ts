import type { RateLimit } from "@crmod-cti/core"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"

/**
 * Effect's clock in fractional milliseconds: what the pacer times its turns and round trips on, and a slot source
 * should time its own on too. The pacing works to the millisecond of a 50 ms spacing: whole milliseconds
 * (`currentTimeMillis`) would cost up to one on every request, as a round trip read as n ms may have taken n - 1 and
 * a turn computed from a truncated clock is slept to a millisecond late.
 */
export const currentTimeMs: Effect.Effect<number> = Effect.map(Clock.currentTimeNanos, (nanos) => Number(nanos) / 1e6)

/** One request's turn, granted by a `SlotSource`. */
export interface Slot {
  /** The request went out carrying `operations` interactions (said once, right after the slot was granted). */
  readonly sent: (operations: number) => Effect.Effect<void>
  /** Its answer (or failure) came back: the service stamped it by now. Said again, it changes nothing. */
  readonly answered: Effect.Effect<void>
  /** Nothing was sent in it: it is given back. */
  readonly release: Effect.Effect<void>
}

/**
 * Where one user's pacer draws its turns from when the user's clients run in more than one process (a runtime's
 * seam, as `HttpSend` is: transport-node's shared limits over Redis). Without one, the pacer keeps the turns of the
 * process in memory. The pacer still adapts its margin to the service's faults; the source keeps the stamps.
 */
export interface SlotSource {
  /**
   * Waits until the user may send one more request (the rate limit, any hold) and takes the turn, counting the
   * request as stamped by the service when its answer comes, or `marginMs` after now if that is earlier. A claim
   * that dies fails the calls waiting for that turn with its defect; the next call claims again.
   */
  readonly claim: (marginMs: number) => Effect.Effect<Slot>
  /**
   * Holds every request of the user back for `ms` (a `RequestWait` the service answered, at most 10 s); `marginMs`
   * is the pacer's margin, widened by the fault, for the source to share.
   */
  readonly hold: (ms: number, marginMs: number) => Effect.Effect<void>
  /** Ends the source once no client of the user in this process uses it. */
  readonly close: Effect.Effect<void>
}

/** Makes the slot source of `username` at `endpoint`, for the first client of the user in this process. */
export type SlotSourceFactory = (endpoint: string, username: string, limit: RateLimit) => SlotSource
