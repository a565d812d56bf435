import {
  DemoPassword,
  type EmulatorConfigError,
  type EmulatorOptions,
  emulatorOptionsFromEnv,
} from "@crmod-cti/emulator"
import * as Either from "effect/Either"
import { isLoopbackHost } from "./loopback.js"
import { PlaygroundConfigError } from "./PlaygroundConfigError.js"

export type Environment = Readonly<Record<string, string | undefined>>

export interface PlaygroundConfig {
  readonly host: string
  readonly port: number
  readonly emulator: EmulatorOptions
  readonly maxRequestKb: number
  /** The demo password while it is the default, null once `CTI_DEMO_PASSWORD` changed it. */
  readonly defaultPassword: string | null
}

export const DefaultHost = "127.0.0.1"
export const DefaultPort = 8080

const portOf = (text: string | undefined): Either.Either<number | undefined, PlaygroundConfigError> => {
  const trimmed = text?.trim() ?? ""
  if (trimmed === "") return Either.right(undefined)
  const port = Number(trimmed)
  return /^[0-9]{1,5}$/.test(trimmed) && port <= 65535
    ? Either.right(port)
    : Either.left(
        new PlaygroundConfigError({
          reason: "InvalidPort",
          message: `PORT must be a port number from 0 to 65535, got ${JSON.stringify(text)}`,
        }),
      )
}

/**
 * The playground's settings (`CONTRACT.md` §1, §6): `HOST` (default 127.0.0.1) and `PORT` (default 8080) unless
 * the options give them, the emulator's variables, and the rule that the default demo password stays on loopback
 * unless `CTI_ALLOW_DEMO_PASSWORD=1`.
 */
export const playgroundConfig = (
  options: { readonly host?: string; readonly port?: number },
  env: Environment,
): Either.Either<PlaygroundConfig, PlaygroundConfigError | EmulatorConfigError> =>
  Either.gen(function* () {
    const host = options.host ?? (env.HOST?.trim() || DefaultHost)
    const port = options.port ?? (yield* portOf(env.PORT)) ?? DefaultPort
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      return yield* Either.left(
        new PlaygroundConfigError({ reason: "InvalidPort", message: `port must be from 0 to 65535, got ${port}` }),
      )
    }
    const { maxRequestKb, ...emulator } = yield* emulatorOptionsFromEnv(env)
    const isDefaultPassword = (emulator.password ?? DemoPassword) === DemoPassword
    if (isDefaultPassword && !isLoopbackHost(host) && env.CTI_ALLOW_DEMO_PASSWORD?.trim() !== "1") {
      return yield* Either.left(
        new PlaygroundConfigError({
          reason: "DemoPasswordOnPublicAddress",
          message:
            `Refusing to listen on ${host} with the default demo password "${DemoPassword}": anyone who can reach ` +
            "this address could sign in. Set CTI_DEMO_PASSWORD to a password of your own, listen on 127.0.0.1, " +
            "or set CTI_ALLOW_DEMO_PASSWORD=1 to allow it anyway.",
        }),
      )
    }
    return { host, port, emulator, maxRequestKb, defaultPassword: isDefaultPassword ? DemoPassword : null }
  })
