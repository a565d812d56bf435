import {
  type CtiActivityServiceShape,
  CtiFault,
  Faults,
  type InsertResult,
  type Interaction,
  toRawInteraction,
  validateInteraction,
  validateWrapUpInteraction,
  type WrapUpInteraction,
  type WrapUpResult,
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
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import type * as Scope from "effect/Scope"
import type { HttpSend, IncomingResponse } from "./HttpExchange.js"
import { mismatchOf } from "./internal/answers.js"
import { type ClientSettings, clientSettings } from "./internal/ClientSettings.js"
import { acquirePacer, makePacer, type Pacer, releasePacer } from "./internal/Pacer.js"
import {
  type ClientCalls,
  clientCalls,
  nothingToAbandon,
  type Outcomes,
  type StartCall,
} from "./internal/ClientCalls.js"
import { type ExchangeHooks, makeRequestQueue } from "./internal/RequestQueue.js"
import type { RetryOptions } from "./Retry.js"
import type { SlotSourceFactory } from "./SlotSource.js"
import { CtiTransportError, type TransportErrorReason } from "./TransportError.js"

export interface PacerOptions {
  /** Least time between two requests as the service stamps them (default 50 ms, CRM On Demand's limit). */
  readonly minSpacingMs?: number
  /** Most requests in any second (default 20, CRM On Demand's limit). */
  readonly maxPerSecond?: number
  /**
   * How long after sending a request the service is assumed to have stamped it when its answer takes longer
   * (default 10 ms): the next request waits for the limit from the answer, or from then.
   */
  readonly marginMs?: number
}

export interface CtiClientOptions {
  /** The service URL: `https://<your pod>.crmondemand.com/Services/Integration`, or an emulator's. */
  readonly endpoint: string
  /** The sign-in id, `COMPANY/user` (e.g. `OKP/mos.def`). */
  readonly username: string
  readonly password: string
  /** Sent as the `ClientName` header, shown on CRM On Demand's utilisation page. */
  readonly clientName?: string
  /** Per request, from sending it to reading the whole answer (default 30 s; from 1 ms to 10 minutes). */
  readonly timeoutMs?: number
  /** The longest answer read (default 1 MiB); a longer one fails with `CtiTransportError` reason `TooLarge`. */
  readonly maxResponseBytes?: number
  /** Requests of this client in flight at once (default 4). */
  readonly concurrency?: number
  /** Retries of rate-limited, allotment and transient failures (default on); `false` fails at once. */
  readonly retry?: RetryOptions | false
  /**
   * Pacing under CRM On Demand's per-user rate limit (default 20/s, 50 ms apart), shared by all clients of the
   * user at the endpoint in this process (the first one's options apply); `false` for none.
   */
  readonly pacing?: PacerOptions | false
  /**
   * Called after every HTTP exchange with the request as sent (its WS-Security password masked as `********`), the
   * answer and what the client made of it: to show the wire, or to count the rate-limit faults the client retried
   * by itself. Not called for a request given up (its call aborted, the client closed). What it throws is ignored.
   */
  readonly onExchange?: (exchange: ObservedExchange) => void
}

/** What replaces the password in the requests `onExchange` is shown. */
export const MaskedPassword = "********"

/** One HTTP exchange as the client saw it (`onExchange`). */
export interface ObservedExchange {
  readonly operation: "insert" | "wrapUp"
  /** The request as sent, but for the password (`MaskedPassword`). */
  readonly request: {
    readonly url: string
    readonly headers: Readonly<Record<string, string>>
    readonly body: string
  }
  /** What came back; `undefined` when nothing did (a network failure, a timeout). */
  readonly response: IncomingResponse | undefined
  /** The failure of the request as a whole (a fault, a transport error); `undefined` when it was answered. */
  readonly error: CtiClientError | undefined
  /** When it was sent, epoch milliseconds, and how long it took. */
  readonly startedAt: number
  readonly durationMs: number
}

export type CtiClientError = CtiFault | CtiTransportError

/**
 * An insert's result as the client returns it: the service's, and `retried: true` on an `Activity already exists`
 * answered to a retry after an exchange whose answer was lost, so the activity is the one this call created.
 */
export type ClientInsertResult = InsertResult & { readonly retried?: true }

/** The CTI Activity Web service as a client sees it: any number of interactions, typed faults and failures. */
export interface CtiClientShape extends CtiActivityServiceShape<CtiClientError> {
  /** Results in the interactions' order; every interaction checked first (nothing sent if one is invalid); fails with the first failure. */
  readonly insert: (
    interactions: ReadonlyArray<Interaction>,
  ) => Effect.Effect<ReadonlyArray<ClientInsertResult>, CtiClientError>
  /** One outcome per interaction, in order: invalid ones refused, the valid ones sent. */
  readonly insertSettled: (
    interactions: ReadonlyArray<Interaction>,
  ) => Effect.Effect<ReadonlyArray<Either.Either<ClientInsertResult, CtiClientError>>>
  readonly wrapUpSettled: (
    interactions: ReadonlyArray<WrapUpInteraction>,
  ) => Effect.Effect<ReadonlyArray<Either.Either<WrapUpResult, CtiClientError>>>
}

export class CtiClient extends Context.Tag("@crmod-cti/soap-http/CtiClient")<CtiClient, CtiClientShape>() {}

const transportReasons: ReadonlySet<string> = new Set<TransportErrorReason>([
  "NotXml",
  "HtmlPage",
  "NotSoap",
  "TooLarge",
])
const transportReasonOf = (error: SoapResponseError): TransportErrorReason =>
  transportReasons.has(error.reason) ? (error.reason as TransportErrorReason) : "UnexpectedResponse"

/** What one operation is on the wire. */
interface Operation<I, R> {
  readonly name: ObservedExchange["operation"]
  readonly soapAction: string
  readonly validate: (raw: Record<string, string>) => Either.Either<I, CtiFault>
  readonly encode: (batch: ReadonlyArray<I>, options: RequestOptions) => string
  readonly decode: (body: string) => Either.Either<ReadonlyArray<R>, CtiFault | SoapResponseError>
  /** The result a caller gets, `resent` when its interaction went more than once. */
  readonly resultOf: (result: R, resent: boolean) => R
}

const insertOperation: Operation<Interaction, ClientInsertResult> = {
  name: "insert",
  soapAction: SoapActions.CTIActivityInsert,
  validate: validateInteraction,
  encode: encodeInsertRequest,
  decode: decodeInsertResponse,
  resultOf: (result, resent) =>
    resent && result.Status === "Activity already exists" ? { ...result, retried: true } : result,
}

const wrapUpOperation: Operation<WrapUpInteraction, WrapUpResult> = {
  name: "wrapUp",
  soapAction: SoapActions.CTIActivityWrapUp,
  validate: validateWrapUpInteraction,
  encode: encodeWrapUpRequest,
  decode: decodeWrapUpResponse,
  resultOf: (result) => result,
}

/** The results in order, or the first failure among them. */
const firstFailure = <R>(outcomes: Outcomes<R>): Exit.Exit<ReadonlyArray<R>, CtiClientError> => {
  const results: Array<R> = []
  for (const outcome of outcomes) {
    if (Either.isLeft(outcome)) return Exit.fail(outcome.left)
    results.push(outcome.right)
  }
  return Exit.succeed(results)
}

/** A call of the Effect API: interrupting it abandons the call. */
const effectOf =
  <A, E, In>(start: StartCall<A, E, In>) =>
  (input: In): Effect.Effect<A, E> =>
    Effect.async<A, E>((resume) => {
      const abandon = start(input, resume)
      return Effect.sync(abandon)
    })

/** The pacer of the client's user, shared with the user's other clients at the endpoint, given back at the end. */
const userPacer = (
  settings: ClientSettings,
  slots: SlotSourceFactory | undefined,
): Effect.Effect<Pacer, never, Scope.Scope> =>
  settings.pacing === undefined
    ? Effect.sync(() => makePacer(undefined))
    : Effect.acquireRelease(
        Effect.sync(() => acquirePacer(settings.endpoint, settings.username, settings.pacing!, slots)),
        () => releasePacer(settings.endpoint, settings.username),
      )

/**
 * A client of the CTI Activity Web service over any `HttpSend`, living in the scope (closing it ends the client:
 * calls not answered yet die). Stateless WS-Security on every request; concurrent calls share requests of five,
 * paced under the user's rate limit; whole-request failures resolved per interaction (see `makeRequestQueue`).
 * Options the client cannot work with are a defect (a TypeError or RangeError naming the option). With `slots`, the
 * user's pacer in this process (made by its first client) draws its turns from the source that `slots` makes.
 */
export const makeCtiClient = (
  options: CtiClientOptions,
  send: HttpSend,
  slots?: SlotSourceFactory,
): Effect.Effect<CtiClientShape, never, Scope.Scope> =>
  Effect.gen(function* () {
    const settings = yield* Effect.try({ try: () => clientSettings(options), catch: (error) => error }).pipe(
      Effect.orDie,
    )
    const { endpoint, timeoutMs } = settings
    const scope = yield* Effect.scope
    const pacer = yield* userPacer(settings, slots)
    const inFlight = yield* Effect.makeSemaphore(settings.concurrency)
    const encodeOptions: RequestOptions = {
      security: { username: settings.username, password: settings.password },
      ...(settings.clientName === undefined ? {} : { clientName: settings.clientName }),
    }
    const onExchange = options.onExchange
    const maskedOptions: RequestOptions = {
      ...encodeOptions,
      security: { username: settings.username, password: MaskedPassword },
    }
    const timedOut = () =>
      new CtiTransportError({ reason: "Timeout", endpoint, message: `${endpoint}: no answer within ${timeoutMs} ms` })

    /** Reads an answer: the results of exactly the interactions sent, or the fault, or what else came back. */
    const answer =
      <I extends Interaction | WrapUpInteraction, R extends InsertResult | WrapUpResult>(
        operation: Operation<I, R>,
        sent: ReadonlyArray<I>,
      ) =>
      (response: IncomingResponse): Effect.Effect<ReadonlyArray<R>, CtiClientError> => {
        // A fault is the service's answer whatever the status (CRM On Demand sends 500, some proxies 200).
        const decoded = operation.decode(response.body)
        if (Either.isRight(decoded)) {
          const mismatch = mismatchOf(decoded.right, sent)
          return mismatch === undefined ? Effect.succeed(decoded.right) : Effect.fail(mismatch)
        }
        const error = decoded.left
        if (error instanceof CtiFault) return Effect.fail(error)
        // The operation's own answer whose activities are not one valid activity per interaction (too many, an
        // ambiguous list, a value the schemas refuse): a Server fault, as CONTRACT §10 has it for a wrong count.
        if (error.reason === "InvalidContent") return Effect.fail(Faults.serverError(error.message))
        return Effect.fail(
          new CtiTransportError({
            reason: transportReasonOf(error),
            endpoint,
            status: response.status,
            message: `${endpoint} answered HTTP ${response.status}: ${error.message}`,
            cause: error,
          }),
        )
      }

    /**
     * One request. The queue bounds it in time (`timeoutMs`); when it gives up on it (a timeout, its calls cancelled,
     * the client closed) it aborts the signal, which tells the transport to drop it, and interrupts it.
     */
    const exchange =
      <I extends Interaction | WrapUpInteraction, R extends InsertResult | WrapUpResult>(operation: Operation<I, R>) =>
      (
        items: ReadonlyArray<I>,
        { answered, sentAgain, expired, signal }: ExchangeHooks,
      ): Effect.Effect<ReadonlyArray<R>, CtiClientError> =>
        Effect.suspend(() => {
          const request = {
            url: endpoint,
            headers: { "content-type": "text/xml; charset=utf-8", soapaction: `"${operation.soapAction}"` },
            body: operation.encode(items, encodeOptions),
            maxResponseBytes: settings.maxResponseBytes,
          }
          let response: IncomingResponse | undefined
          const startedAt = Date.now()
          const exchanged = send(request, signal).pipe(
            Effect.tap((incoming) => {
              response = incoming
              if (incoming.resent === true) sentAgain()
              return answered
            }),
            Effect.flatMap(answer(operation, items)),
          )
          if (onExchange === undefined) return exchanged
          return Effect.onExit(exchanged, (exit) =>
            Effect.sync(() => {
              const timeout = expired()
              const failure = Exit.isFailure(exit) ? Cause.failureOption(exit.cause) : undefined
              // Cancelled or a defect: not an exchange the service answered or failed. A timeout is one that failed.
              if (failure !== undefined && failure._tag === "None" && timeout === undefined) return
              let body: string | undefined
              const observed: ObservedExchange = {
                operation: operation.name,
                request: {
                  url: request.url,
                  headers: request.headers,
                  // Encoded again only if looked at: the masked request costs nothing to a caller that only counts.
                  get body() {
                    body ??= operation.encode(items, maskedOptions)
                    return body
                  },
                },
                response,
                error: timeout ?? (failure?._tag === "Some" ? failure.value : undefined),
                startedAt,
                durationMs: Date.now() - startedAt,
              }
              try {
                onExchange(observed)
              } catch {
                // The observer's problem: the delivery goes on.
              }
            }),
          )
        })

    const closed = new Error("The CTI client is closed")
    const face = <I extends Interaction | WrapUpInteraction, R extends InsertResult | WrapUpResult>(
      operation: Operation<I, R>,
    ) =>
      Effect.gen(function* () {
        const queue = yield* makeRequestQueue<I, R>({
          endpoint,
          pacer,
          inFlight,
          retry: settings.retry,
          timeoutMs,
          timedOut,
          scope,
          exchange: exchange(operation),
          resultOf: (result, entry) => operation.resultOf(result, entry.resent),
        })
        yield* Effect.addFinalizer(() => queue.close(closed))
        const validate = (interaction: I) => operation.validate(toRawInteraction(interaction))
        const settled: StartCall<Outcomes<R>, never, ReadonlyArray<I>> = (interactions, done) => {
          const checked = interactions.map(validate)
          const valid = checked.flatMap((outcome) => (Either.isRight(outcome) ? [outcome.right] : []))
          return queue.enqueue(valid, (exit) =>
            done(
              Exit.map(exit, (outcomes) => {
                let next = 0
                return checked.map(
                  (outcome): Either.Either<R, CtiClientError> =>
                    Either.isLeft(outcome) ? Either.left(outcome.left) : outcomes[next++]!,
                )
              }),
            ),
          )
        }
        // The client checks every interaction by the very rules the server applies, so that a call the server
        // would refuse fails with the same fault before anything is sent.
        // Plain loops rather than `Effect.forEach`/`Effect.all`: a call's every step is paid per interaction.
        const all: StartCall<ReadonlyArray<R>, CtiClientError, ReadonlyArray<I>> = (interactions, done) => {
          const valid: Array<I> = []
          for (const interaction of interactions) {
            const checked = validate(interaction)
            if (Either.isLeft(checked)) {
              done(Exit.fail(checked.left))
              return nothingToAbandon
            }
            valid.push(checked.right)
          }
          return queue.enqueue(valid, (exit) => done(Exit.flatMap(exit, firstFailure)))
        }
        return { all, settled }
      })
    const inserts = yield* face(insertOperation)
    const wrapUps = yield* face(wrapUpOperation)
    const calls: ClientCalls = {
      insert: inserts.all,
      insertSettled: inserts.settled,
      wrapUp: wrapUps.all,
      wrapUpSettled: wrapUps.settled,
    }
    const client: CtiClientShape = {
      insert: effectOf(calls.insert),
      insertSettled: effectOf(calls.insertSettled),
      wrapUp: effectOf(calls.wrapUp),
      wrapUpSettled: effectOf(calls.wrapUpSettled),
    }
    clientCalls.set(client, calls)
    return client
  })
