import { type CtiAuthenticator, type CtiFault, type CtiUser, Faults, requirePositiveInteger } from "@crmod-cti/core"
import {
  ctiActivityWsdl,
  decodeRequest,
  encodeFault,
  encodeInsertResponse,
  encodeWrapUpResponse,
  type DecodedRequest,
} from "@crmod-cti/soap-codec"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import { type Context, Hono } from "hono"
import { bodyLimit } from "hono/body-limit"
import { basicCredentials } from "./internal/basicAuth.js"
import { isSoapContentType, unsupportedContentType } from "./internal/contentType.js"

/** Paths of `CONTRACT.md` §2. */
export const ServicePath = "/Services/Integration"
export const WsdlPath = "/Services/Integration/CTIActivity"
export const HealthPath = "/healthz"

/** The contract's default request size limit, in KB (1 MiB). */
export const DefaultMaxRequestKb = 1024

/**
 * The CRM side behind the app: it signs in each request's UsernameToken (the core's `CtiAuthenticator`) and, when
 * it keeps a Web Services Concurrent Request Allotment (the emulator does), runs each request in one of the
 * company's slots, from before its sign-in to its answer.
 */
export type CtiAppAuthenticator = CtiAuthenticator["Type"] & {
  readonly admitRequest?: <A, E>(username: string, request: Effect.Effect<A, E>) => Effect.Effect<A, E | CtiFault>
}

export interface CtiAppOptions {
  /** The emulator, usually. */
  readonly authenticator: CtiAppAuthenticator
  /** Largest request body, in KB (default 1024, i.e. 1 MiB). */
  readonly maxRequestKb?: number
  /**
   * The browser session's user, for the WSDL download (HTTP Basic credentials are always accepted). Hosts with a
   * sign-in page (the playground) provide it.
   */
  readonly sessionUser?: (header: (name: string) => string | undefined) => Promise<CtiUser | undefined>
  /** Called with unexpected defects (they are answered with a generic `Server` fault, never a stack trace). */
  readonly onDefect?: (defect: unknown) => void
  /**
   * Headers every answer of the app carries besides its own, such as a host's security headers. Given here rather
   * than added by a middleware around the app, they are part of each answer as it is made: on Node, an answer whose
   * headers are a plain record is written by @hono/node-server without building a `Headers` object for it.
   */
  readonly headers?: Readonly<Record<string, string>>
}

type HeaderRecord = Readonly<Record<string, string>>

const wantsWsdl = (url: string): boolean => /[?&]wsdl(=|&|$)/i.test(new URL(url).search)

/**
 * The work of one request, its answer encoded; faults stay in the error channel. A request counts as being
 * processed from the moment its user is known (the body read and decoded) until its answer is encoded.
 */
const work = (authenticator: CtiAppAuthenticator, request: DecodedRequest): Effect.Effect<string, CtiFault> => {
  const answered = Effect.flatMap(
    Effect.suspend(() => authenticator.authenticate(request.security)),
    ({ service }) =>
      request.operation === "CTIActivityInsert"
        ? Effect.map(service.insert(request.interactions), encodeInsertResponse)
        : Effect.map(service.wrapUp(request.interactions), encodeWrapUpResponse),
  )
  return authenticator.admitRequest === undefined
    ? answered
    : authenticator.admitRequest(request.security.username, answered)
}

/**
 * The emulated CRM side over HTTP (`CONTRACT.md` §2, §6, §9) as a Hono app: `POST /Services/Integration` (the
 * operation by the body's root element, any or no SOAPAction; `text/xml` or `application/soap+xml` only; the size
 * limit applied before the body is read whole), the WSDL at `GET /Services/Integration/CTIActivity?wsdl` for users
 * with Manage CTI On Demand Access, and `GET /healthz`. Faults are HTTP 500 `text/xml; charset=utf-8`. Serve it on
 * Node with `serve`, anywhere else with `app.fetch`, or mount it in a Hono app of your own (mounted first, it answers
 * its paths itself, so that they skip the host's middleware; the WSDL path without `?wsdl` goes on to the host's
 * routes).
 */
export const makeCtiApp = (options: CtiAppOptions): Hono => {
  const maxRequestKb = requirePositiveInteger("maxRequestKb", options.maxRequestKb ?? DefaultMaxRequestKb)
  const maxBytes = maxRequestKb * 1024
  const app = new Hono()
  // Each kind of answer's headers, made once.
  const extra = options.headers ?? {}
  const xml: HeaderRecord = { ...extra, "content-type": "text/xml; charset=utf-8" }
  const text: HeaderRecord = { ...extra, "content-type": "text/plain; charset=utf-8" }
  // A body left unread must not be taken for the next request on this connection: the answer closes it.
  const xmlThenClose: HeaderRecord = { ...xml, connection: "close" }
  const serviceMethods: HeaderRecord = { ...text, allow: "POST" }
  const healthMethods: HeaderRecord = { ...text, allow: "GET, HEAD" }
  const signInAsked: HeaderRecord = {
    ...text,
    "www-authenticate": 'Basic realm="Oracle CRM On Demand", charset="UTF-8"',
  }
  const answer = (body: string, status: number, headers: HeaderRecord): Response =>
    new Response(body, { status, headers })
  const faultResponse = (fault: CtiFault, status = 500, headers = xml): Response =>
    answer(encodeFault(fault), status, headers)
  const tooLarge = () => faultResponse(Faults.requestTooLarge(maxRequestKb), 500, xmlThenClose)
  const limit = bodyLimit({ maxSize: maxBytes, onError: tooLarge })

  /** The request's body, read no further than the size limit; or the answer when it is over it or broken off. */
  const readBody = async (c: Context): Promise<Uint8Array | Response> => {
    try {
      // A declared length is checked as `bodyLimit` checks it, without asking for `request.body`: @hono/node-server's
      // Request then reads the bytes straight from the connection, with no web stream built over it.
      const declared = c.req.header("content-length")
      if (declared !== undefined && c.req.header("transfer-encoding") === undefined) {
        if (Number(declared) > maxBytes) return tooLarge()
      } else {
        let within = false
        const refused = await limit(c, async () => {
          within = true
        })
        if (!within) return refused as Response
      }
      return new Uint8Array(await c.req.raw.arrayBuffer())
    } catch {
      // The client went away before sending it all: nobody to answer, and no defect of ours.
      return answer("The request body was not received whole.", 400, text)
    }
  }

  app.post(ServicePath, async (c) => {
    // Before anything is read: a cross-site form can post `text/plain` without a preflight (CONTRACT.md §9).
    const type = c.req.header("content-type")
    if (!isSoapContentType(type)) return faultResponse(unsupportedContentType(type), 415)
    const body = await readBody(c)
    if (body instanceof Response) return body
    const decoded = decodeRequest(body, { maxBytes })
    if (Either.isLeft(decoded)) return faultResponse(decoded.left)
    const exit = await Effect.runPromiseExit(work(options.authenticator, decoded.right))
    if (Exit.isSuccess(exit)) return answer(exit.value, 200, xml)
    const fault = Cause.failureOption(exit.cause)
    if (Option.isSome(fault)) return faultResponse(fault.value)
    throw Cause.squash(exit.cause)
  })
  app.all(ServicePath, () => answer("The CTI Activity Web service takes POST requests.", 405, serviceMethods))

  const wsdlUser = async (header: (name: string) => string | undefined): Promise<CtiUser | undefined> => {
    const credentials = basicCredentials(header("authorization"))
    if (credentials === undefined) return options.sessionUser?.(header)
    const session = await Effect.runPromise(Effect.option(options.authenticator.authenticate(credentials)))
    return Option.getOrUndefined(Option.map(session, ({ user }) => user))
  }

  // Oracle offers the WSDL only to users whose role has Manage CTI On Demand Access (`oracle-facts.md`).
  // Without `?wsdl` the path is not the app's: passed on, to the host's pages when the app is mounted in one.
  app.get(WsdlPath, async (c, next) => {
    if (!wantsWsdl(c.req.url)) return next()
    const user = await wsdlUser((name) => c.req.header(name))
    if (user === undefined) {
      return answer("Sign in with a user whose role has Manage CTI On Demand Access.", 401, signInAsked)
    }
    if (!user.privileges.includes("Manage CTI On Demand Access")) return answer("Access Denied", 403, text)
    return answer(ctiActivityWsdl(`${new URL(c.req.url).origin}${ServicePath}`), 200, xml)
  })

  app.get(HealthPath, () => answer("ok", 200, text))
  app.all(HealthPath, () => answer("", 405, healthMethods))

  app.notFound(() => answer("Not found", 404, text))
  app.onError((defect) => {
    options.onDefect?.(defect)
    return faultResponse(Faults.serverError("Internal error while handling the request"))
  })
  return app
}
