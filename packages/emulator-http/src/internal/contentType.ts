import { type CtiFault, Faults } from "@crmod-cti/core"

/** The media types a SOAP request may be sent as (`CONTRACT.md` §9); parameters such as a charset are allowed. */
const soapMediaTypes: ReadonlySet<string> = new Set(["text/xml", "application/soap+xml"])

/** Whether a `Content-Type` header names a SOAP media type (case-insensitive, parameters ignored). */
export const isSoapContentType = (header: string | undefined): boolean =>
  header !== undefined && soapMediaTypes.has(header.split(";", 1)[0]!.trim().toLowerCase())

/** The `Client` fault of a request sent as anything else, answered with HTTP 415. */
export const unsupportedContentType = (header: string | undefined): CtiFault =>
  Faults.malformedRequest(
    header === undefined
      ? "The request has no Content-Type: text/xml or application/soap+xml is expected"
      : `The Content-Type ${header} is not text/xml or application/soap+xml`,
  )
