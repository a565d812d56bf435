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
 * The limits of emulator-http's Node server for these: its timeouts and the interval at which Node checks them
 * scaled by `timeScale` (so that a scaled timeout is enforced in scaled time too), and the connection cap.
 */
export const nodeServerLimits = (limits: ServerLimits): NodeServerLimits => {
  const scaled = (ms: number) => Math.max(1, Math.round(ms * limits.timeScale))
  return {
    headersTimeout: scaled(NodeServerLimits.headersTimeout),
    requestTimeout: scaled(NodeServerLimits.requestTimeout),
    connectionsCheckingInterval: scaled(NodeServerLimits.connectionsCheckingInterval),
    keepAliveTimeout: scaled(NodeServerLimits.keepAliveTimeout),
    maxConnections: limits.connections,
  }
}
