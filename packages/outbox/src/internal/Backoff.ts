import { requirePositiveNumber } from "@crmod-cti/core"

/** The longest back-off the outbox waits between attempts. */
export const MaxBackoffMs = 60_000

/** Milliseconds before attempt `attempt + 1` of an interaction that failed `attempt` times: doubled, capped. */
export const backoffOf = (options: { readonly initialMs?: number; readonly maxMs?: number } = {}) => {
  const initialMs = requirePositiveNumber("backoff.initialMs", options.initialMs ?? 1_000)
  const maxMs = requirePositiveNumber("backoff.maxMs", options.maxMs ?? MaxBackoffMs)
  if (maxMs > MaxBackoffMs) throw new RangeError(`backoff.maxMs must be at most ${MaxBackoffMs}, got ${maxMs}`)
  return (attempt: number): number => Math.min(initialMs * 2 ** Math.min(attempt - 1, 30), maxMs)
}
