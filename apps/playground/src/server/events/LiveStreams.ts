import type { CrmQueryError, EmulatorShape } from "@crmod-cti/emulator"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import type { Context } from "hono"
import { streamSSE } from "hono/streaming"
import type { SignedIn } from "../session/signedIn.js"
import { eventOf } from "./communicationsEvent.js"

export interface StreamLimits {
  /** Open streams of one user (default 10; the next is answered 429). */
  readonly maxPerUser: number
  /** Open streams in all (default 500; the next is answered 503). */
  readonly maxInAll: number
}

export const DefaultStreamLimits: StreamLimits = { maxPerUser: 10, maxInAll: 500 }

export type StreamRefusal = "UserBusy" | "ServerBusy"

/** The open live streams of the Communications tab, so sign-out and shutdown can end them. */
export interface LiveStreams {
  /**
   * A Server-Sent Events stream of the agent's changes, or why it is refused: the emulator's refusal (no channel
   * Access privilege), or the caps of `CONTRACT.md` §9.
   */
  readonly open: (c: Context, who: SignedIn) => Promise<Response | StreamRefusal | CrmQueryError>
  readonly closeSession: (sessionId: string) => void
  readonly closeAll: () => void
  /** How many are open now. */
  readonly size: () => number
}

export interface LiveStreamsOptions extends Partial<StreamLimits> {
  /** A comment line this often keeps proxies and the browser from dropping a quiet stream (default 25 s). */
  readonly heartbeatMs?: number
  /** Events written and not yet read by the client, at most; one more ends the stream (default 100). */
  readonly maxBacklog?: number
}

interface OpenStream {
  readonly signInId: string
  readonly sessionId: string
  readonly stop: () => void
}

export const makeLiveStreams = (emulator: EmulatorShape, options: LiveStreamsOptions = {}): LiveStreams => {
  const maxPerUser = options.maxPerUser ?? DefaultStreamLimits.maxPerUser
  const maxInAll = options.maxInAll ?? DefaultStreamLimits.maxInAll
  const heartbeatMs = options.heartbeatMs ?? 25_000
  const maxBacklog = options.maxBacklog ?? 100
  const open = new Set<OpenStream>()
  const perUser = new Map<string, number>()

  const add = (entry: OpenStream) => {
    open.add(entry)
    perUser.set(entry.signInId, (perUser.get(entry.signInId) ?? 0) + 1)
  }
  // Called once a stream ends, however it ends: its place is free at once.
  const release = (entry: OpenStream) => {
    if (!open.delete(entry)) return
    const left = (perUser.get(entry.signInId) ?? 1) - 1
    if (left === 0) perUser.delete(entry.signInId)
    else perUser.set(entry.signInId, left)
  }

  return {
    open: async (c, who) => {
      const signInId = who.user.signInId
      // Subscribed before anything is sent, so that a change made after the page hears `ready` cannot be missed.
      const scope = Effect.runSync(Scope.make())
      const closeScope = () => Effect.runPromise(Scope.close(scope, Exit.void))
      const subscribed = await Effect.runPromise(Effect.either(Scope.extend(emulator.subscribeAs(who.user), scope)))
      if (Either.isLeft(subscribed)) {
        await closeScope()
        return subscribed.left
      }
      const refusal: StreamRefusal | undefined =
        (perUser.get(signInId) ?? 0) >= maxPerUser ? "UserBusy" : open.size >= maxInAll ? "ServerBusy" : undefined
      if (refusal !== undefined) {
        await closeScope()
        return refusal
      }
      let stopped: () => void = () => undefined
      const ended = new Promise<void>((resolve) => {
        stopped = resolve
      })
      const entry: OpenStream = {
        signInId,
        sessionId: who.session.id,
        stop: () => {
          release(entry)
          stopped()
        },
      }
      add(entry)
      const response = streamSSE(c, async (stream) => {
        stream.onAbort(() => entry.stop())
        // Nothing waits on a write: a client that stops reading ends its stream once its backlog is full, rather
        // than hold the changes of everybody in its subscription.
        let backlog = 0
        const send = (write: () => Promise<unknown>) => {
          if (backlog >= maxBacklog) return entry.stop()
          backlog += 1
          void write().finally(() => {
            backlog -= 1
          })
        }
        send(() => stream.write("retry: 3000\n\n"))
        send(() => stream.writeSSE({ event: "ready", data: "{}" }))
        const fiber = Effect.runFork(
          Stream.runForEach(subscribed.right, (change) =>
            Effect.sync(() => send(() => stream.writeSSE({ event: "change", data: JSON.stringify(eventOf(change)) }))),
          ),
        )
        const heartbeat = setInterval(() => send(() => stream.write(": keep-alive\n\n")), heartbeatMs)
        try {
          await ended
        } finally {
          clearInterval(heartbeat)
          await Effect.runPromise(Fiber.interrupt(fiber))
          await closeScope()
        }
      })
      response.headers.set("content-type", "text/event-stream; charset=utf-8")
      response.headers.set("cache-control", "no-store")
      return response
    },
    closeSession: (sessionId) => {
      for (const entry of [...open]) if (entry.sessionId === sessionId) entry.stop()
    },
    closeAll: () => {
      for (const entry of [...open]) entry.stop()
    },
    size: () => open.size,
  }
}
