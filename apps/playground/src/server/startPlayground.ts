import { type EmulatorShape, IdGenerator, makeEmulator, type PasswordHasher } from "@crmod-cti/emulator"
import { serve } from "@crmod-cti/emulator-http"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { Playground } from "./app/Playground.js"
import { makePlaygroundApp, type RequestErrorListener } from "./app/playgroundApp.js"
import { DefaultServerLimits, nodeServerLimits, type ServerLimits } from "./app/ServerLimits.js"
import { defaultSoftphoneDir, defaultStaticDir } from "./appPaths.js"
import { ctiServiceApp } from "./cti/ctiService.js"
import { makeLiveStreams } from "./events/LiveStreams.js"
import { type Environment, playgroundConfig } from "./PlaygroundConfig.js"
import { PlaygroundConfigError } from "./PlaygroundConfigError.js"
import { playgroundRoutes } from "./routes/routes.js"
import { makeSessionStore, SessionCookie } from "./session/SessionStore.js"
import { signedInUser } from "./session/signedIn.js"
import { parse } from "hono/utils/cookie"

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
  /** What the server holds at most, and its timeouts' scale (`CONTRACT.md` §9); tests make them small. */
  readonly limits?: Partial<ServerLimits>
  /** How the emulator hashes passwords (default scrypt); tests pass the emulator's `FastPasswordHasher`. */
  readonly passwordHasher?: PasswordHasher
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
  /** How many live streams of the Communications tab are open. */
  readonly openStreams: () => number
}

const logError: RequestErrorListener = (error, request) => {
  console.error(`Error while serving ${request.method} ${request.url}:`, error)
}

/**
 * Starts the playground (`CONTRACT.md` §1, §2, §9): the emulated CRM On Demand's pages, the CTICommand servlet, the
 * CTI Activity Web service with its WSDL, and the softphone's workspace, as one Hono app on `@hono/node-server`,
 * with the timeouts and caps that keep slow or greedy clients from holding it. Rejects with a
 * `PlaygroundConfigError` or `EmulatorConfigError` naming the setting it cannot use, among them the default demo
 * password on an address other than loopback and a port in use, or with another listen error.
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
  const limits: ServerLimits = { ...DefaultServerLimits, ...options.limits }
  const emulatorOptions = {
    ...config.emulator,
    ...(options.passwordHasher === undefined ? {} : { passwordHasher: options.passwordHasher }),
  }
  const emulator = await Effect.runPromise(makeEmulator(emulatorOptions).pipe(Effect.provide(IdGenerator.Default)))
  const streams = makeLiveStreams(emulator, limits.streams)
  const playground: Playground = {
    emulator,
    sessions: makeSessionStore({ ...limits.sessions, onEnded: (session) => streams.closeSession(session.id) }),
    defaultPassword: config.defaultPassword,
    staticDir: defaultStaticDir,
    softphoneDir: options.softphoneDir ?? defaultSoftphoneDir,
    streams,
  }
  const service = ctiServiceApp({
    authenticator: emulator,
    maxRequestKb: config.maxRequestKb,
    // The WSDL download link of the Web Services Administration page works with the browser session.
    sessionUser: async (header) => {
      const sessionId = parse(header("cookie") ?? "", SessionCookie)[SessionCookie]
      return (await signedInUser(playground.sessions, emulator, sessionId))?.user
    },
    onDefect: (defect) => console.error("Error in the CTI Activity Web service:", defect),
  })
  let url = ""
  const app = makePlaygroundApp({
    playground,
    routes: playgroundRoutes,
    service,
    fallbackOrigin: () => url,
    onError: options.onError ?? logError,
  })
  const listening = await serve(app, {
    host: config.host,
    port: config.port,
    limits: nodeServerLimits(limits),
  }).catch((error: unknown) => {
    throw (error as NodeJS.ErrnoException).code === "EADDRINUSE"
      ? new PlaygroundConfigError({
          reason: "PortInUse",
          message: `Port ${config.port} on ${config.host} is already in use: set PORT to a free port (0: any free port).`,
          cause: error,
        })
      : error
  })
  url = listening.url
  return {
    url,
    emulator,
    defaultPassword: config.defaultPassword,
    openStreams: streams.size,
    close: () => {
      streams.closeAll()
      return listening.close()
    },
  }
}
