import * as Data from "effect/Data"

/** The emulator cannot start as configured: a bad environment variable, option or tenant seed. */
export class EmulatorConfigError extends Data.TaggedError("EmulatorConfigError")<{
  readonly reason: "InvalidEnvironment" | "InvalidOption" | "InvalidSeed"
  readonly message: string
}> {}
