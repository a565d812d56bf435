import type * as http from "node:http"
import type { EmulatorOptions, EmulatorShape } from "@crmod-cti/emulator"
import { FastPasswordHasher, makeDemoEmulator } from "@crmod-cti/emulator"
import { makeCtiApp, ServicePath, serve } from "@crmod-cti/emulator-http"
import * as Effect from "effect/Effect"

/** A CRM-side server of the demo tenant, listening on 127.0.0.1 on a free port. */
export interface CrmServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  /** The CTI Activity Web service: `<url>/Services/Integration`. */
  readonly endpoint: string
  /** The emulator behind it, to look at what the requests did. */
  readonly emulator: EmulatorShape
  /** The `node:http` server, to watch its connections. */
  readonly server: http.Server
  readonly close: () => Promise<void>
}

export interface CrmServerOptions {
  /** The demo emulator's options (each limiter off unless `limits` names it). */
  readonly emulator?: Omit<EmulatorOptions, "tenant">
  /** Largest request body, in KB (the server's default otherwise). */
  readonly maxRequestKb?: number
}

/**
 * The one way tests reach the CRM side over real HTTP: `@crmod-cti/emulator-http`'s app on `@hono/node-server`.
 * Each of the emulator's limiters (rate, operations allotment, concurrent requests) is off unless
 * `options.emulator.limits` names it, and it hashes passwords with the
 * emulator's cheap test hasher unless `options.emulator.passwordHasher` says otherwise: the demo users' scrypt runs
 * would cost every server a fifth of a second and test nothing the emulator's own tests do not.
 */
export const startCrmServer = async (options: CrmServerOptions = {}): Promise<CrmServer> => {
  const emulator = await Effect.runPromise(
    makeDemoEmulator({
      passwordHasher: FastPasswordHasher,
      ...options.emulator,
      limits: {
        rateLimiter: false,
        operationsAllotment: false,
        concurrentRequests: false,
        ...options.emulator?.limits,
      },
    }),
  )
  const app = makeCtiApp({
    authenticator: emulator,
    ...(options.maxRequestKb === undefined ? {} : { maxRequestKb: options.maxRequestKb }),
  })
  const server = await serve(app)
  return {
    url: server.url,
    endpoint: `${server.url}${ServicePath}`,
    emulator,
    server: server.server,
    close: server.close,
  }
}
