import type { IncomingMessage, ServerResponse } from "node:http"
import type { EmulatorShape } from "@crmod-cti/emulator"
import type { CommunicationsEvents } from "./routes/CommunicationsEvents.js"
import type { SessionStore } from "./session/SessionStore.js"

/** What every request of one playground server shares. */
export interface Playground {
  readonly emulator: EmulatorShape
  readonly sessions: SessionStore
  /** The demo users' password while it is the default (the softphone pre-fills it); otherwise null. */
  readonly defaultPassword: string | null
  readonly staticDir: string
  readonly softphoneDir: string
  readonly events: CommunicationsEvents
}

export interface RequestContext {
  readonly app: Playground
  readonly req: IncomingMessage
  readonly res: ServerResponse
  readonly method: string
  readonly url: URL
  readonly cookies: ReadonlyMap<string, string>
  /** `http://host:port` as the browser addressed this server. */
  readonly origin: string
}
