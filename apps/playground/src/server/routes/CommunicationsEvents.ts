import type { ServerResponse } from "node:http"
import type { EmulatorChange, EmulatorShape } from "@crmod-cti/emulator"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import { subtabOf } from "../crm/subtabs.js"
import type { SignedIn } from "../session/signedIn.js"

/** What the Communications page's script is told: which change, and the subtab it concerns. */
export interface CommunicationsEvent {
  readonly kind: EmulatorChange["_tag"]
  readonly subtab?: string
  readonly activityId?: string
}

/** The changes that concern an agent's Communications tab: their own interactions and their privileges. */
export const concerning = (change: EmulatorChange, signInId: string): CommunicationsEvent | undefined => {
  switch (change._tag) {
    case "ActivityCreated":
    case "ActivityWrappedUp":
      return change.activity.owner === signInId
        ? { kind: change._tag, subtab: subtabOf(change.activity), activityId: change.activity.id }
        : undefined
    case "PrivilegesChanged":
      return change.user.signInId === signInId ? { kind: change._tag } : undefined
  }
}

/** Open event streams, so sign-out and shutdown can end them (a stream never ends by itself). */
export interface CommunicationsEvents {
  /** Takes the response over as a Server-Sent Events stream of the agent's changes. */
  readonly open: (res: ServerResponse, who: SignedIn) => "opened" | "busy"
  readonly closeSession: (sessionId: string) => void
  readonly closeAll: () => void
}

export interface CommunicationsEventsOptions {
  /** At most this many streams at once (default 200). */
  readonly maxStreams?: number
  /** A comment line this often keeps proxies and the browser from dropping a quiet stream (default 25 s). */
  readonly heartbeatMs?: number
}

export const makeCommunicationsEvents = (
  emulator: EmulatorShape,
  options: CommunicationsEventsOptions = {},
): CommunicationsEvents => {
  const maxStreams = options.maxStreams ?? 200
  const heartbeatMs = options.heartbeatMs ?? 25_000
  const streams = new Map<() => void, string>()

  const open = (res: ServerResponse, who: SignedIn): "opened" | "busy" => {
    if (streams.size >= maxStreams) return "busy"
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
    })
    res.write("retry: 3000\n\n")
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
    const signInId = who.user.signInId

    // Subscribed before `ready` is sent: a change made after the page hears `ready` cannot be missed.
    const fiber = Effect.runFork(
      Effect.scoped(
        Effect.gen(function* () {
          const changes = yield* emulator.subscribe
          yield* Effect.sync(() => send("ready", {}))
          yield* Stream.runForEach(changes, (change) =>
            Effect.sync(() => {
              const event = concerning(change, signInId)
              if (event !== undefined) send("change", event)
            }),
          )
        }),
      ),
    )
    const heartbeat = setInterval(() => res.write(": keep-alive\n\n"), heartbeatMs)
    let stopped = false
    const stop = () => {
      if (stopped) return
      stopped = true
      streams.delete(stop)
      clearInterval(heartbeat)
      Effect.runFork(Fiber.interrupt(fiber))
      res.end()
    }
    streams.set(stop, who.session.id)
    res.on("close", stop)
    return "opened"
  }

  return {
    open,
    closeSession: (sessionId) => {
      for (const [stop, session] of [...streams]) if (session === sessionId) stop()
    },
    closeAll: () => {
      for (const stop of [...streams.keys()]) stop()
    },
  }
}
