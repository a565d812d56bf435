import {
  type CtiActivityServiceShape,
  CtiFault,
  type Interaction,
  type InsertResult,
  inBatches,
  MaxInteractionsPerRequest,
  makeRequestPacer,
  type PacerOptions,
  type RetryOptions,
  requirePositiveInteger,
  requirePositiveNumber,
  type UsernameToken,
  validateInteraction,
  validateWrapUpInteraction,
  type WrapUpInteraction,
  type WrapUpResult,
  withRetry,
} from "@crmod-cti/core"
import {
  decodeInsertResponse,
  decodeWrapUpResponse,
  encodeInsertRequest,
  encodeWrapUpRequest,
  type RequestOptions,
  SoapActions,
  type SoapResponseError,
} from "@crmod-cti/soap-codec"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { HttpSend } from "./HttpExchange.js"
import { toRawInteraction } from "./internal/rawInteraction.js"
import { CtiTransportError, isTransientTransportError, type TransportErrorReason } from "./TransportError.js"

export interface CtiClientOptions {
  /** The service URL: `https://<your pod>.crmondemand.com/Services/Integration`, or an emulator's. */
  readonly endpoint: string
  /** The sign-in id, `COMPANY/user` (e.g. `OKP/mos.def`). */
  readonly username: string
  readonly password: string
  /** Sent as the `ClientName` header, shown on CRM On Demand's utilisation page. */
  readonly clientName?: string
  /** Per request, from sending it to reading the whole answer (default 30 s). */
  readonly timeoutMs?: number
  /** Requests of five interactions in flight at once when a call carries more (default 2). */
  readonly concurrency?: number
  /** Retries of rate-limited, allotment and transient failures (default on); `false` fails at once. */
  readonly retry?: RetryOptions | false
  /** Client-side pacing under CRM On Demand's per-user rate limit (default 20/s, 50 ms apart); `false` for none. */
  readonly pacing?: PacerOptions | false
}

export type CtiClientError = CtiFault | CtiTransportError

/** The CTI Activity Web service as a client sees it: any number of interactions, typed faults and failures. */
export type CtiClientShape = CtiActivityServiceShape<CtiClientError>

export class CtiClient extends Context.Tag("@crmod-cti/soap-http/CtiClient")<CtiClient, CtiClientShape>() {}

const transportReasonOf = (error: SoapResponseError): TransportErrorReason =>
  error.reason === "NotXml" || error.reason === "HtmlPage" || error.reason === "NotSoap"
    ? error.reason
    : "UnexpectedResponse"

/** The endpoint as a URL, or why it cannot be one: a client is useless without it, so this is a defect. */
const checkEndpoint = (endpoint: string): Effect.Effect<void> =>
  Effect.suspend(() => {
    const protocol = Either.try(() => new URL(endpoint).protocol).pipe(Either.getOrUndefined)
    return protocol === "http:" || protocol === "https:"
      ? Effect.void
      : Effect.die(new TypeError(`The CTI client's endpoint must be an http(s) URL, got ${JSON.stringify(endpoint)}`))
  })

// The client checks every interaction by the very rules the server applies, so that a request the server would
// refuse fails with the same fault before anything is sent.
const validateAll = <A>(
  interactions: ReadonlyArray<object>,
  validate: (raw: Record<string, string>) => Either.Either<A, CtiFault>,
): Effect.Effect<ReadonlyArray<A>, CtiFault> =>
  Effect.forEach(interactions, (interaction) => validate(toRawInteraction(interaction)))

/**
 * A client of the CTI Activity Web service over any `HttpSend`: stateless WS-Security on every request, requests
 * of five, paced under the rate limit, retried on `RequestWait` and allotment faults and transient failures (safe:
 * inserts are idempotent by identity and a repeat answers `Activity already exists` with the id).
 */
export const makeCtiClient = (options: CtiClientOptions, send: HttpSend): Effect.Effect<CtiClientShape> =>
  Effect.gen(function* () {
    yield* checkEndpoint(options.endpoint)
    const pacer = options.pacing === false ? undefined : yield* makeRequestPacer(options.pacing)
    const security: UsernameToken = { username: options.username, password: options.password }
    const encodeOptions = { security, ...(options.clientName === undefined ? {} : { clientName: options.clientName }) }
    const timeoutMs = requirePositiveNumber("timeoutMs", options.timeoutMs ?? 30_000)
    const concurrency = requirePositiveInteger("concurrency", options.concurrency ?? 2)
    const retry = options.retry
    const retrying =
      retry === false
        ? undefined
        : withRetry({
            ...retry,
            isTransient: (error) => isTransientTransportError(error) || (retry?.isTransient?.(error) ?? false),
          })

    const exchange = <A>(
      soapAction: string,
      body: string,
      decode: (body: string) => Either.Either<ReadonlyArray<A>, CtiFault | SoapResponseError>,
    ): Effect.Effect<ReadonlyArray<A>, CtiClientError> => {
      const once = Effect.gen(function* () {
        if (pacer !== undefined) yield* pacer.acquire
        const response = yield* send({
          url: options.endpoint,
          headers: { "content-type": "text/xml; charset=utf-8", soapaction: `"${soapAction}"` },
          body,
          timeoutMs,
        })
        // A fault is the service's answer whatever the status (CRM On Demand sends 500, some proxies 200).
        const decoded = decode(response.body)
        if (Either.isRight(decoded)) return decoded.right
        const error = decoded.left
        if (error instanceof CtiFault) {
          if (error.reason === "RateLimited" && pacer !== undefined) yield* pacer.pause(error.requestWaitMs ?? 50)
          return yield* Effect.fail(error)
        }
        return yield* Effect.fail(
          new CtiTransportError({
            reason: transportReasonOf(error),
            endpoint: options.endpoint,
            status: response.status,
            message: `${options.endpoint} answered HTTP ${response.status}: ${error.message}`,
          }),
        )
      })
      return retrying === undefined ? once : retrying(once)
    }

    // Concurrent batches cost a fiber each, a tenth of a millisecond: worth it only when there are several.
    const inFlight = (interactions: ReadonlyArray<unknown>) => ({
      concurrency: Math.max(1, Math.min(concurrency, Math.ceil(interactions.length / MaxInteractionsPerRequest))),
    })
    /** One operation: every interaction checked first, then requests of five, each decoded by the operation. */
    const operation =
      <I extends object, R>(
        validate: (raw: Record<string, string>) => Either.Either<I, CtiFault>,
        soapAction: string,
        encode: (batch: ReadonlyArray<I>, options: RequestOptions) => string,
        decode: (body: string) => Either.Either<ReadonlyArray<R>, CtiFault | SoapResponseError>,
      ) =>
      (interactions: ReadonlyArray<I>): Effect.Effect<ReadonlyArray<R>, CtiClientError> =>
        Effect.flatMap(validateAll(interactions, validate), (valid) =>
          inBatches<I, R, CtiClientError, never>(
            valid,
            (batch) => exchange(soapAction, encode(batch, encodeOptions), decode),
            inFlight(valid),
          ),
        )
    return {
      insert: operation<Interaction, InsertResult>(
        validateInteraction,
        SoapActions.CTIActivityInsert,
        encodeInsertRequest,
        decodeInsertResponse,
      ),
      wrapUp: operation<WrapUpInteraction, WrapUpResult>(
        validateWrapUpInteraction,
        SoapActions.CTIActivityWrapUp,
        encodeWrapUpRequest,
        decodeWrapUpResponse,
      ),
    }
  })
