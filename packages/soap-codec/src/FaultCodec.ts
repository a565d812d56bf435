import type { CtiFault } from "@crmod-cti/core"
import { SoapEnvelopeNamespace } from "./Namespaces.js"
import { escapeXml } from "./internal/XmlEscape.js"

/**
 * The contract's SOAP 1.1 fault: `faultcode` `env:Client` or `env:Server`, `faultstring` the message, and a
 * `detail` with `ErrorCode`, `ErrorMessage` and, from the rate limiter, `RequestWait` in milliseconds.
 */
export const encodeFault = (fault: CtiFault): string => {
  const message = escapeXml(fault.message)
  const wait = fault.requestWaitMs === undefined ? "" : `<RequestWait>${fault.requestWaitMs}</RequestWait>`
  return (
    `<env:Envelope xmlns:env="${SoapEnvelopeNamespace}"><env:Body><env:Fault>` +
    `<faultcode>env:${fault.faultCode}</faultcode><faultstring>${message}</faultstring>` +
    `<detail><ErrorCode>${escapeXml(fault.errorCode)}</ErrorCode><ErrorMessage>${message}</ErrorMessage>${wait}</detail>` +
    "</env:Fault></env:Body></env:Envelope>"
  )
}
