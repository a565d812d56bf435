import * as Data from "effect/Data"

/**
 * Why a response could not be read:
 * - `NotXml`: not (well-formed, acceptable) XML;
 * - `HtmlPage`: an HTML page, typically a sign-in or error page from a proxy or the wrong URL;
 * - `NotSoap`: XML but not a SOAP 1.1 envelope with a Body;
 * - `UnexpectedOperation`: an envelope answering something else than the operation called;
 * - `InvalidContent`: the right answer, but a result that the core's schemas refuse.
 */
export type SoapResponseErrorReason = "NotXml" | "HtmlPage" | "NotSoap" | "UnexpectedOperation" | "InvalidContent"

/** A response that is neither a result nor a SOAP fault. The message quotes at most 100 characters of it. */
export class SoapResponseError extends Data.TaggedError("SoapResponseError")<{
  readonly reason: SoapResponseErrorReason
  readonly message: string
}> {}
