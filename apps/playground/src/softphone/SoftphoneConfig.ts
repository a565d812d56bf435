import * as Data from "effect/Data"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"

/**
 * What the workspace page tells the softphone (`<script type="application/json" id="softphone-config">`): where
 * the CTI Activity Web service and the CTICommand servlet are, who is signed in, the demo password (null when the
 * operator changed it, so the agent types it) and the values the simulator starts from.
 */
export const SoftphoneConfig = Schema.Struct({
  endpoint: Schema.String.pipe(Schema.nonEmptyString()),
  ctiBaseUrl: Schema.String.pipe(Schema.nonEmptyString()),
  signInId: Schema.String.pipe(Schema.nonEmptyString()),
  demoPassword: Schema.NullOr(Schema.String),
  prefill: Schema.Struct({
    phone: Schema.String,
    email: Schema.String,
  }),
}).annotations({ identifier: "SoftphoneConfig" })
export type SoftphoneConfig = typeof SoftphoneConfig.Type

export const SoftphoneConfigElementId = "softphone-config"

export class SoftphoneConfigError extends Data.TaggedError("SoftphoneConfigError")<{
  readonly reason: "Missing" | "NotJson" | "Invalid"
  readonly message: string
}> {}

const decode = Schema.decodeUnknownEither(SoftphoneConfig)

/** Check the configuration's JSON text (`null` when the page has no configuration element). */
export const parseSoftphoneConfig = (json: string | null): Either.Either<SoftphoneConfig, SoftphoneConfigError> => {
  if (json === null) {
    return Either.left(
      new SoftphoneConfigError({
        reason: "Missing",
        message: `The page has no <script id="${SoftphoneConfigElementId}"> configuration`,
      }),
    )
  }
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch (error) {
    return Either.left(
      new SoftphoneConfigError({
        reason: "NotJson",
        message: `The softphone configuration is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      }),
    )
  }
  return Either.mapLeft(
    decode(value),
    (error) =>
      new SoftphoneConfigError({
        reason: "Invalid",
        message: `The softphone configuration is invalid: ${ParseResult.TreeFormatter.formatErrorSync(error)}`,
      }),
  )
}

/** Read and check the page's softphone configuration. */
export const readSoftphoneConfig = (document: Document): Either.Either<SoftphoneConfig, SoftphoneConfigError> =>
  parseSoftphoneConfig(document.getElementById(SoftphoneConfigElementId)?.textContent ?? null)
