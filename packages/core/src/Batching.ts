import * as Effect from "effect/Effect"
import { Faults, type CtiFault } from "./Fault.js"
import { requirePositiveInteger } from "./OptionChecks.js"
import { MaxInteractionsPerRequest } from "./Validation.js"

/** Split items into consecutive groups of at most `size`, in order. */
export const chunksOf = <A>(
  items: ReadonlyArray<A>,
  size: number = MaxInteractionsPerRequest,
): ReadonlyArray<ReadonlyArray<A>> => {
  requirePositiveInteger("chunk size", size)
  const chunks: Array<ReadonlyArray<A>> = []
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size))
  return chunks
}

export interface BatchOptions {
  /** Requests in flight at once (default 1; the rate limiter allows one request every 50 ms anyway). */
  readonly concurrency?: number
  /** Interactions per request (default and maximum: five). */
  readonly size?: number
}

/**
 * Send any number of interactions in requests of at most five and reassemble the results in the order of the
 * interactions. A response whose count does not match its request fails with a `Server` fault. A `size` or
 * `concurrency` that is not a positive integer is a defect of the returned effect (it never throws when called).
 */
export const inBatches = <A, B, E, R>(
  items: ReadonlyArray<A>,
  send: (batch: ReadonlyArray<A>) => Effect.Effect<ReadonlyArray<B>, E, R>,
  options: BatchOptions = {},
): Effect.Effect<ReadonlyArray<B>, E | CtiFault, R> =>
  Effect.suspend(() =>
    Effect.forEach(
      chunksOf(items, Math.min(options.size ?? MaxInteractionsPerRequest, MaxInteractionsPerRequest)),
      (batch) =>
        Effect.flatMap(send(batch), (results) =>
          results.length === batch.length
            ? Effect.succeed(results)
            : Effect.fail(
                Faults.serverError(`The response has ${results.length} activities for ${batch.length} interactions`),
              ),
        ),
      { concurrency: requirePositiveInteger("concurrency", options.concurrency ?? 1) },
    ),
  ).pipe(Effect.map((groups) => groups.flat()))
