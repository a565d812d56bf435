import { FastPasswordHasher } from "@crmod-cti/emulator"
import { afterAll, beforeAll } from "vitest"
import { type PlaygroundOptions, type RunningPlayground, startPlayground } from "../../../src/server/startPlayground.js"
import type { Environment } from "../../../src/server/PlaygroundConfig.js"

/** The demo users' password: the default, as the contract seeds it. */
export const Password = "password"

export interface TestPlayground extends RunningPlayground {
  /** Errors the server met while serving (each one is a bug unless a test provoked it). */
  readonly errors: Array<unknown>
}

/**
 * A playground on 127.0.0.1 and a free port for the tests of one file, with the limiters off (tests send
 * requests faster than an agent would) and the emulator's cheap password hasher (scrypt is costly on purpose).
 */
export const usePlayground = (
  env: Environment = {},
  options: Pick<PlaygroundOptions, "softphoneDir" | "limits"> = {},
): (() => TestPlayground) => {
  let playground: TestPlayground | undefined
  beforeAll(async () => {
    const errors: Array<unknown> = []
    const running = await startPlayground({
      port: 0,
      env: { CTI_LIMITERS: "off", ...env },
      onError: (error) => errors.push(error),
      passwordHasher: FastPasswordHasher,
      ...options,
    })
    playground = { ...running, errors }
  })
  afterAll(() => playground?.close())
  return () => {
    if (playground === undefined) throw new Error("The playground is not started yet")
    return playground
  }
}
