import type { EmulatorShape } from "@crmod-cti/emulator"
import type { Context } from "hono"
import type { LiveStreams } from "../events/LiveStreams.js"
import type { SessionStore } from "../session/SessionStore.js"
import type { SignedIn } from "../session/signedIn.js"

/** What every request of one playground server shares. */
export interface Playground {
  readonly emulator: EmulatorShape
  readonly sessions: SessionStore
  /** The demo users' password while it is the default (the softphone pre-fills it); otherwise null. */
  readonly defaultPassword: string | null
  readonly staticDir: string
  readonly softphoneDir: string
  readonly streams: LiveStreams
}

/** The Hono environment of the playground's pages: what the middleware found out about the request. */
export interface PlaygroundEnv {
  readonly Variables: {
    readonly playground: Playground
    /** `http://host:port` as the browser addressed this server. */
    readonly origin: string
    /** The signed-in user of the request's session, with the privileges the user has now. */
    readonly who: SignedIn | undefined
    /** The fields of a POSTed form, once its token was checked (the CTICommand servlet reads its own). */
    readonly form: URLSearchParams | undefined
  }
}

export type PlaygroundContext = Context<PlaygroundEnv>

/** A page and its handlers by method (HEAD is served by GET). */
export interface Route {
  readonly path: string
  readonly get?: (c: PlaygroundContext) => Promise<Response>
  readonly post?: (c: PlaygroundContext) => Promise<Response>
}
