import { type EmulatorShape, IdGenerator, makeEmulator } from "@crmod-cti/emulator"
import { HealthPath, makeCtiApp, ServicePath, serveListener, WsdlPath } from "@crmod-cti/emulator-http"
import { getRequestListener } from "@hono/node-server"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { defaultSoftphoneDir, defaultStaticDir } from "./appPaths.js"
import { makeRequestHandler, type RequestErrorListener } from "./handleRequest.js"
import { parseCookies } from "./http/cookies.js"
import { setSecurityHeaders } from "./http/securityHeaders.js"
import { type Environment, playgroundConfig } from "./PlaygroundConfig.js"
import type { Playground } from "./RequestContext.js"
import { makeCommunicationsEvents } from "./routes/CommunicationsEvents.js"
import { playgroundFileRoutes, playgroundRoutes } from "./routes/routes.js"
import { makeSessionStore, SessionCookie } from "./session/SessionStore.js"

export interface PlaygroundOptions {
  /** Overrides `HOST` (default 127.0.0.1). */
  readonly host?: string
  /** Overrides `PORT` (default 8080; 0 for any free port). */
  readonly port?: number
  /** The variables to read (default `process.env`). */
  readonly env?: Environment
  /** Where the softphone's build is (default `apps/playground/dist/softphone`). */
  readonly softphoneDir?: string
  /** Told of unexpected errors, which visitors only see as a 500 page (default: written to stderr). */
  readonly onError?: RequestErrorListener
}

export interface RunningPlayground {
  /** `http://host:port`, once listening. */
  readonly url: string
  /** Ends the live event streams, stops accepting connections and lets requests in flight finish. */
  readonly close: () => Promise<void>
  /** The emulated CRM behind the pages and the Web service. */
  readonly emulator: EmulatorShape
  /** The demo users' password while it is the default (print it); null once `CTI_DEMO_PASSWORD` changed it. */
  readonly defaultPassword: string | null
}

const logError: RequestErrorListener = (error, req) => {
  console.error(`Error while serving ${req.method ?? "?"} ${req.url ?? "?"}:`, error)
}

/**
 * Starts the playground (`CONTRACT.md` §1, §2): the emulated CRM On Demand's pages, the CTICommand servlet, the
 * CTI Activity Web service with its WSDL, and the softphone's workspace, on one `node:http` server. Rejects with a
 * `PlaygroundConfigError` or `EmulatorConfigError` naming the setting it cannot use, among them the default demo
 * password on an address other than loopback.
 */
export const startPlayground = async (options: PlaygroundOptions = {}): Promise<RunningPlayground> => {
  const configured = playgroundConfig(
    {
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(options.port === undefined ? {} : { port: options.port }),
    },
    options.env ?? process.env,
  )
  if (Either.isLeft(configured)) throw configured.left
  const config = configured.right
  const emulator = await Effect.runPromise(makeEmulator(config.emulator).pipe(Effect.provide(IdGenerator.Default)))
  const onError = options.onError ?? logError
  const app: Playground = {
    emulator,
    sessions: makeSessionStore(),
    defaultPassword: config.defaultPassword,
    staticDir: defaultStaticDir,
    softphoneDir: options.softphoneDir ?? defaultSoftphoneDir,
    events: makeCommunicationsEvents(emulator),
  }

  const cti = makeCtiApp({
    authenticator: { authenticate: emulator.authenticate },
    maxRequestKb: config.maxRequestKb,
    // The WSDL download link of the Web Services Administration page works with the browser session.
    sessionUser: async (header) => {
      const session = app.sessions.get(parseCookies(header("cookie")).get(SessionCookie))
      if (session === undefined) return undefined
      return Option.getOrUndefined(await Effect.runPromise(emulator.user(session.signInId)))
    },
    onDefect: (defect) => console.error("Error in the CTI Activity Web service:", defect),
  })
  let url = ""
  const pages = makeRequestHandler(app, playgroundRoutes, playgroundFileRoutes, () => url, onError)
  // The CTI app (`@crmod-cti/emulator-http`) serves its paths; the pages serve the others.
  const ctiPaths: ReadonlySet<string> = new Set([ServicePath, WsdlPath, HealthPath])
  const service = getRequestListener((request) => cti.fetch(request))
  const running = await serveListener(
    (req, res) => {
      setSecurityHeaders(res)
      if (ctiPaths.has((req.url ?? "/").split("?", 1)[0]!)) void service(req, res)
      else pages(req, res)
    },
    { host: config.host, port: config.port },
  )
  url = running.url
  return {
    url,
    emulator,
    defaultPassword: config.defaultPassword,
    close: () => {
      app.events.closeAll()
      return running.close()
    },
  }
}
