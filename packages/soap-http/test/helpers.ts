import type { CtiFault, InsertResult, Interaction } from "@crmod-cti/core"
import { decodeRequest, encodeFault, encodeInsertResponse, encodeWrapUpResponse } from "@crmod-cti/soap-codec"
import { CtiTransportError, type HttpSend, type IncomingResponse, type OutgoingRequest } from "@crmod-cti/soap-http"
import { Clock, Effect, Either } from "effect"

export const endpoint = "http://crm.test/Services/Integration"
export const user = { username: "OKP/mos.def", password: "password" } as const

export const calls = (count: number, prefix = "C"): ReadonlyArray<Interaction> =>
  Array.from({ length: count }, (_, i) => ({
    InteractionId: `${prefix}${i + 1}`,
    AgentOfferTime: 1287786900,
    ChannelType: "Inbound Call",
  }))

/** What a server answers to one request: a response, or a transport failure. */
export type Reply = IncomingResponse | CtiTransportError

export const xml = (body: string, status = 200): IncomingResponse => ({
  status,
  contentType: "text/xml; charset=utf-8",
  body,
})

export const faultReply = (fault: CtiFault, status = 500): IncomingResponse => xml(encodeFault(fault), status)

/** The answer a well-behaved server gives: `OK` for each interaction of the request (insert or wrap-up). */
export const okReply = (request: OutgoingRequest): IncomingResponse => {
  const decoded = Either.getOrThrow(decodeRequest(request.body))
  const echo = decoded.interactions.map(({ InteractionId, AgentOfferTime }) => ({
    Status: "OK" as const,
    InteractionId,
    AgentOfferTime,
  }))
  return xml(
    decoded.operation === "CTIActivityInsert"
      ? encodeInsertResponse(
          echo.map((result): InsertResult => ({ ...result, ActivityId: `A-${result.InteractionId}` })),
        )
      : encodeWrapUpResponse(echo),
  )
}

export interface Sent {
  readonly request: OutgoingRequest
  /** Epoch ms of Effect's Clock when the request was sent (the TestClock's in `it.effect`). */
  readonly at: number
}

/**
 * A scripted `HttpSend` that records every request: `script(request, n)` answers the n-th (from 1), by default
 * `okReply`. No timers of its own, so the TestClock drives the client's pacing and retries.
 */
export const scripted = (script: (request: OutgoingRequest, n: number) => Reply = okReply) => {
  const sent: Array<Sent> = []
  const send: HttpSend = (request) =>
    Effect.flatMap(Clock.currentTimeMillis, (at) => {
      sent.push({ request, at })
      const reply = script(request, sent.length)
      return reply instanceof CtiTransportError ? Effect.fail(reply) : Effect.succeed(reply)
    })
  return { send, sent }
}

export const transportError = (reason: CtiTransportError["reason"], status?: number) =>
  new CtiTransportError({
    reason,
    endpoint,
    message: `${endpoint}: ${reason}`,
    ...(status === undefined ? {} : { status }),
  })

/** An `HttpSend` that hands each request to a fetch handler in the same process (a Hono app's `fetch`). */
export const inProcess =
  (handler: { readonly fetch: (request: Request) => Response | Promise<Response> }): HttpSend =>
  (request) =>
    Effect.promise(async () => {
      const response = await handler.fetch(
        new Request(request.url, { method: "POST", headers: request.headers, body: request.body }),
      )
      return {
        status: response.status,
        contentType: response.headers.get("content-type") ?? undefined,
        body: await response.text(),
      }
    })
