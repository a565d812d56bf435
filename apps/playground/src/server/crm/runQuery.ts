import type { CrmQueryError } from "@crmod-cti/emulator"
import * as Effect from "effect/Effect"
import type * as Either from "effect/Either"

/** Runs one of the emulator's page queries: its answer, or why it has none. */
export const runQuery = <A>(query: Effect.Effect<A, CrmQueryError>): Promise<Either.Either<A, CrmQueryError>> =>
  Effect.runPromise(Effect.either(query))
