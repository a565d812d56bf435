import type { ServerOptions } from "node:http"
import { DefaultStreamLimits, type StreamLimits } from "../events/LiveStreams.js"
import { DefaultSessionLimits, type SessionLimits } from "../session/SessionStore.js"

/** What the playground holds at most (`CONTRACT.md` §9); tests make them small. */
export interface ServerLimits {
  readonly connections: number
  readonly sessions: SessionLimits
  readonly streams: StreamLimits
  /**
   * Multiplies every timeout (headers 10 s, request 30 s, Node's check of them every 5 s, keep-alive 5 s): 1 in
   * use, small in tests, so that a test waits on the socket's close rather than on the clock.
   */
  readonly timeScale: number
}

export const DefaultServerLimits: ServerLimits = {
  connections: 1_000,
  sessions: DefaultSessionLimits,
  streams: DefaultStreamLimits,
  timeScale: 1,
}

/**
 * Node's timeouts of slow clients: a request's headers within 10 s, the whole request within 30 s. Node checks
 * them only every `connectionsCheckingInterval` (30 s by default): every 5 s, they hold within 15 s and 35 s.
 */
export const nodeServerOptions = (limits: ServerLimits): ServerOptions => {
  const ms = (value: number) => Math.max(1, Math.round(value * limits.timeScale))
  return {
    headersTimeout: ms(10_000),
    requestTimeout: ms(30_000),
    connectionsCheckingInterval: ms(5_000),
    keepAliveTimeout: ms(5_000),
  }
}
