import type { EmulatorOptions, EmulatorShape } from "@crmod-cti/emulator"
import { makeDemoEmulator } from "@crmod-cti/emulator"
import { listen } from "@crmod-cti/transport-node"
import * as Effect from "effect/Effect"

/** A CRM-side server of the demo tenant, listening on 127.0.0.1 on a free port. */
export interface CrmServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  /** The CTI Activity Web service: `<url>/Services/Integration`. */
  readonly endpoint: string
  /** The emulator behind it, to look at what the requests did. */
  readonly emulator: EmulatorShape
  readonly close: () => Promise<void>
}

export interface CrmServerOptions {
  /** The demo emulator's options (limiters off unless these turn them on). */
  readonly emulator?: Omit<EmulatorOptions, "tenant">
  /** Largest request body, in KB (the server's default otherwise). */
  readonly maxRequestKb?: number
}

/**
 * The one way tests reach the CRM side over real HTTP, so that they do not depend on which package serves it.
 * The emulator's limiters are off unless `options.emulator.limits` turns them on.
 */
export const startCrmServer = async (options: CrmServerOptions = {}): Promise<CrmServer> => {
  const emulator = await Effect.runPromise(
    makeDemoEmulator({ limits: { rateLimiter: false, operationsAllotment: false }, ...options.emulator }),
  )
  const server = await listen({
    authenticator: emulator,
    ...(options.maxRequestKb === undefined ? {} : { maxRequestKb: options.maxRequestKb }),
  })
  return { url: server.url, endpoint: `${server.url}/Services/Integration`, emulator, close: server.close }
}
