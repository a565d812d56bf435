import {
  type CtiAuthenticator,
  type CtiFault,
  type CtiSession,
  type CtiUser,
  Faults,
  type InsertResult,
  requirePositiveInteger,
  type WrapUpResult,
} from "@crmod-cti/core"
import {
  ctiActivityWsdl,
  decodeRequest,
  encodeFault,
  encodeInsertResponse,
  encodeWrapUpResponse,
} from "@crmod-cti/soap-codec"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import { basicCredentials } from "./internal/basicAuth.js"
import { runFast } from "./internal/runFast.js"

/** Paths of `CONTRACT.md` §2. */
export const ServicePath = "/Services/Integration"
export const WsdlPath = "/Services/Integration/CTIActivity"
export const HealthPath = "/healthz"

/** The contract's default request size limit, in KB (1 MiB). */
export const DefaultMaxRequestKb = 1024

export interface CtiServerOptions {
  /** Signs in each request's UsernameToken (the emulator's `authenticate`, usually). */
  readonly authenticator: CtiAuthenticator["Type"]
  /** Largest request body, in KB (default 1024, i.e. 1 MiB). */
  readonly maxRequestKb?: number
  /**
   * The browser session's user, for the WSDL download (HTTP Basic credentials are always accepted). Hosts with a
   * sign-in page (the playground) provide it.
   */
  readonly sessionUser?: (header: (name: string) => string | undefined) => Promise<CtiUser | undefined>
  /** Called with unexpected defects (they are answered with a generic `Server` fault, never a stack trace). */
  readonly onDefect?: (defect: unknown) => void
}

/** A request as any runtime can describe it. Header names are looked up in lower case. */
export interface ServerRequest {
  readonly method: string
  /** Path and query, e.g. `/Services/Integration/CTIActivity?wsdl`. */
  readonly url: string
  /** `scheme://host[:port]` the client used: the WSDL's `soap:address` points there. */
  readonly origin: string
  readonly header: (name: string) => string | undefined
  /**
   * The whole body; `"too-large"` as soon as it passes `maxBytes` (the rest is left unread); `"aborted"` when the
   * client went away before sending it all.
   */
  readonly readBody: (maxBytes: number) => Promise<Uint8Array | "too-large" | "aborted">
}

export interface ServerResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

export interface CtiRequestHandler {
  /** Whether this handler serves the request; others are left to the host (404 by default in the adapters). */
  readonly matches: (method: string, url: string) => boolean
  /** Answers a request that `matches`; never rejects (defects become a generic `Server` fault). */
  readonly handle: (request: ServerRequest) => Promise<ServerResponse>
}

const xml = { "content-type": "text/xml; charset=utf-8" } as const
const text = { "content-type": "text/plain; charset=utf-8" } as const

type Results = ReadonlyArray<InsertResult> | ReadonlyArray<WrapUpResult>

const faultResponse = (fault: CtiFault): ServerResponse => ({ status: 500, headers: xml, body: encodeFault(fault) })

const plain = (status: number, body: string, headers: Readonly<Record<string, string>> = {}): ServerResponse => ({
  status,
  headers: { ...text, ...headers },
  body,
})

const pathOf = (url: string): string => {
  const query = url.indexOf("?")
  return query < 0 ? url : url.slice(0, query)
}

const wantsWsdl = (url: string): boolean => /[?&]wsdl(=|&|$)/i.test(url)

const isRead = (method: string): boolean => method === "GET" || method === "HEAD"

/**
 * The CTI Activity Web service over HTTP, independent of the runtime (`CONTRACT.md` §2, §6): `POST
 * /Services/Integration` (operation by the body's root element, any or no SOAPAction) with its body size limit
 * applied before the body is read whole, the WSDL at `GET /Services/Integration/CTIActivity?wsdl` for users with
 * Manage CTI On Demand Access, and `GET /healthz`. Faults are HTTP 500 `text/xml; charset=utf-8`.
 */
export const makeCtiRequestHandler = (options: CtiServerOptions): CtiRequestHandler => {
  const maxRequestKb = requirePositiveInteger("maxRequestKb", options.maxRequestKb ?? DefaultMaxRequestKb)
  const maxBytes = maxRequestKb * 1024
  const tooLarge = faultResponse(Faults.requestTooLarge(maxRequestKb))
  const defect = (cause: unknown): ServerResponse => {
    options.onDefect?.(cause)
    return faultResponse(Faults.serverError("Internal error while handling the request"))
  }

  const serve = (body: Uint8Array): Promise<ServerResponse> => {
    const decoded = decodeRequest(body, { maxBytes })
    if (Either.isLeft(decoded)) return Promise.resolve(faultResponse(decoded.left))
    const request = decoded.right
    // The smallest effect that does the work; answering (encoding, faults) happens outside it, on its `Exit`.
    const answer = (exit: Exit.Exit<Results, CtiFault>): ServerResponse => {
      if (Exit.isSuccess(exit)) {
        return {
          status: 200,
          headers: xml,
          body:
            request.operation === "CTIActivityInsert"
              ? encodeInsertResponse(exit.value as ReadonlyArray<InsertResult>)
              : encodeWrapUpResponse(exit.value as ReadonlyArray<WrapUpResult>),
        }
      }
      const fault = Cause.failureOption(exit.cause)
      if (Option.isSome(fault)) return faultResponse(fault.value)
      throw Cause.squash(exit.cause)
    }
    const work = ({ service }: CtiSession): Effect.Effect<Results, CtiFault> =>
      request.operation === "CTIActivityInsert"
        ? service.insert(request.interactions)
        : service.wrapUp(request.interactions)
    const exit = runFast(Effect.flatMap(options.authenticator.authenticate(request.security), work))
    return Exit.isExit(exit) ? Promise.resolve(answer(exit)) : exit.then(answer)
  }

  const wsdlUser = async (request: ServerRequest): Promise<CtiUser | undefined> => {
    const credentials = basicCredentials(request.header("authorization"))
    if (credentials !== undefined) {
      const session = await Effect.runPromise(Effect.option(options.authenticator.authenticate(credentials)))
      return session._tag === "Some" ? session.value.user : undefined
    }
    return options.sessionUser?.(request.header)
  }

  // Oracle offers the WSDL only to users whose role has Manage CTI On Demand Access (`oracle-facts.md`).
  const wsdl = async (request: ServerRequest): Promise<ServerResponse> => {
    const user = await wsdlUser(request)
    if (user === undefined) {
      return plain(401, "Sign in with a user whose role has Manage CTI On Demand Access.", {
        "www-authenticate": 'Basic realm="Oracle CRM On Demand", charset="UTF-8"',
      })
    }
    if (!user.privileges.includes("Manage CTI On Demand Access")) return plain(403, "Access Denied")
    return { status: 200, headers: xml, body: ctiActivityWsdl(`${request.origin}${ServicePath}`) }
  }

  const service = async (request: ServerRequest): Promise<ServerResponse> => {
    if (request.method !== "POST") {
      return plain(405, "The CTI Activity Web service takes POST requests.", { allow: "POST" })
    }
    // A declared length over the limit is refused before a byte of the body is read.
    const declared = Number(request.header("content-length") ?? "0")
    if (declared > maxBytes) return tooLarge
    const body = await request.readBody(maxBytes)
    if (body === "too-large") return tooLarge
    if (body === "aborted") return plain(400, "The request body was not received whole.")
    return serve(body)
  }

  const matches = (method: string, url: string): boolean => {
    const path = pathOf(url)
    return path === ServicePath || path === HealthPath || (path === WsdlPath && isRead(method) && wantsWsdl(url))
  }

  const route = (request: ServerRequest): Promise<ServerResponse> => {
    const path = pathOf(request.url)
    if (path === ServicePath) return service(request)
    if (path === WsdlPath && isRead(request.method) && wantsWsdl(request.url)) return wsdl(request)
    if (path === HealthPath) {
      return Promise.resolve(isRead(request.method) ? plain(200, "ok") : plain(405, "", { allow: "GET, HEAD" }))
    }
    return Promise.resolve(plain(404, "Not found"))
  }

  return {
    matches,
    handle: (request) => {
      try {
        return route(request).catch(defect)
      } catch (cause) {
        return Promise.resolve(defect(cause))
      }
    },
  }
}
