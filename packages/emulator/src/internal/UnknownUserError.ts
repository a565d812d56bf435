import * as Data from "effect/Data"

/** A user management call named a sign-in id that no user has. */
export class UnknownUserError extends Data.TaggedError("UnknownUserError")<{
  readonly reason: "UnknownUser"
  readonly message: string
}> {}
