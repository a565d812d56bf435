import { type CtiFault, recogniseFault, trimXmlWhiteSpace } from "@crmod-cti/core"
import { SiebelFaultNamespace, SoapEnvelopeNamespace } from "../Namespaces.js"
import { firstChild, isElement, type XmlElement } from "./XmlTree.js"

/** The first SOAP 1.1 `Fault` anywhere in the Body (depth first), whatever wraps it. */
export const findFault = (element: XmlElement): XmlElement | undefined => {
  for (const child of element.children) {
    if (isElement(child, SoapEnvelopeNamespace, "Fault")) return child
    const nested = findFault(child)
    if (nested !== undefined) return nested
  }
  return undefined
}

// The children of `Fault` and of `detail` are unqualified in SOAP 1.1, but some servers qualify them: match by name.
const childText = (parent: XmlElement | undefined, localName: string): string | undefined => {
  const element = parent?.children.find((child) => child.localName === localName)
  const text = element === undefined ? undefined : trimXmlWhiteSpace(element.text)
  return text === "" ? undefined : text
}

const waitMs = (text: string | undefined): number | undefined =>
  text !== undefined && /^[0-9]{1,9}$/.test(text) ? Number(text) : undefined

/**
 * A fault as the core's typed `CtiFault`: the contract's `detail` (`ErrorCode`, `ErrorMessage`, `RequestWait`)
 * or Siebel's `siebdetail` (first `errorstack/error`), falling back to `faultstring`.
 */
export const readFault = (fault: XmlElement): CtiFault => {
  const detail = fault.children.find((child) => child.localName === "detail")
  const siebel = detail === undefined ? undefined : firstChild(detail, SiebelFaultNamespace, "siebdetail")
  const errorStack = siebel === undefined ? undefined : firstChild(siebel, SiebelFaultNamespace, "errorstack")
  const error = errorStack === undefined ? undefined : firstChild(errorStack, SiebelFaultNamespace, "error")
  return recogniseFault({
    faultCode: childText(fault, "faultcode") ?? "Server",
    message: childText(detail, "ErrorMessage") ?? childText(error, "errormsg") ?? childText(fault, "faultstring") ?? "",
    errorCode: childText(detail, "ErrorCode") ?? childText(error, "errorcode"),
    requestWaitMs: waitMs(childText(detail, "RequestWait")),
  })
}
