import { Soap12EnvelopeNamespace, SoapEnvelopeNamespace } from "../Namespaces.js"
import { onlyChild, qualifiedName, Repeated, type XmlElement } from "./XmlTree.js"

/** The parts of a SOAP 1.1 envelope. The Body is looked for only after the header has been read. */
export interface Envelope {
  readonly header: XmlElement | undefined
  readonly body: XmlElement | undefined
}

/**
 * The header and body of a SOAP 1.1 envelope, or why the document is not one (as the end of a sentence that
 * starts with "The request" or "The response"). Two Headers or two Bodies make an envelope ambiguous: refused.
 */
export const readEnvelope = (root: XmlElement): Envelope | string => {
  if (root.localName === "Envelope" && root.namespace === Soap12EnvelopeNamespace) {
    return `is a SOAP 1.2 envelope: only SOAP 1.1 (${SoapEnvelopeNamespace}) is supported`
  }
  if (root.localName !== "Envelope" || root.namespace !== SoapEnvelopeNamespace) {
    return `is not a SOAP 1.1 envelope: its root element is ${qualifiedName(root)}`
  }
  const header = onlyChild(root, SoapEnvelopeNamespace, "Header")
  if (header === Repeated) return "is ambiguous: its SOAP envelope has more than one Header"
  const body = onlyChild(root, SoapEnvelopeNamespace, "Body")
  if (body === Repeated) return "is ambiguous: its SOAP envelope has more than one Body"
  return { header, body }
}
