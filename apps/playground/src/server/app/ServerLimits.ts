import type * as http from "node:http"
import { NodeServerLimits } from "@crmod-cti/emulator-http"
import { DefaultStreamLimits, type StreamLimits } from "../events/LiveStreams.js"
import { DefaultSessionLimits, type SessionLimits } from "../session/SessionStore.js"

/** What the playground holds at most (`CONTRACT.md` §9); tests make them small. */
export interface ServerLimits {
  /** Connections open at once (default 1 000, emulator-http's). */
  readonly connections: number
  readonly sessions: SessionLimits
  readonly streams: StreamLimits
  /**
   * Multiplies the slow-client timeouts of emulator-http's server (headers 10 s, request 30 s, keep-alive 5 s): 1 in
   * use, small in tests, so that a test waits on a socket's close rather than on the clock.
   */
  readonly timeScale: number
}

export const DefaultServerLimits: ServerLimits = {
  connections: NodeServerLimits.maxConnections,
  sessions: DefaultSessionLimits,
  streams: DefaultStreamLimits,
  timeScale: 1,
}

/**
 * Applies the limits to a listening server. Node reads these at each check of its connections (every
 * `connectionsCheckingInterval`, 2 s in emulator-http's server: the timeouts hold within 12 s and 32 s).
 */
export const applyServerLimits = (server: http.Server, limits: ServerLimits): void => {
  const scaled = (ms: number) => Math.max(1, Math.round(ms * limits.timeScale))
  server.headersTimeout = scaled(NodeServerLimits.headersTimeout)
  server.requestTimeout = scaled(NodeServerLimits.requestTimeout)
  server.keepAliveTimeout = scaled(NodeServerLimits.keepAliveTimeout)
  server.maxConnections = limits.connections
}
