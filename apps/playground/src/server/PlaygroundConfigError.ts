import * as Data from "effect/Data"

/**
 * Why the playground will not start: a `HOST`/`PORT` it cannot use, or the default demo password on an address
 * other machines can reach (`CONTRACT.md` §1), or a port another server holds.
 */
export class PlaygroundConfigError extends Data.TaggedError("PlaygroundConfigError")<{
  readonly reason: "InvalidPort" | "InvalidHost" | "DemoPasswordOnPublicAddress" | "PortInUse"
  readonly message: string
  readonly cause?: unknown
}> {}
