import { CtiActivityNamespace } from "./Namespaces.js"

/** The two operations of the CTI Activity Web service. */
export const Operations = ["CTIActivityInsert", "CTIActivityWrapUp"] as const
export type Operation = (typeof Operations)[number]

/** The root element of an operation's request inside the SOAP Body. */
export const inputElementOf = (operation: Operation) => `${operation}_Input` as const

/** The root element of an operation's response inside the SOAP Body. */
export const outputElementOf = (operation: Operation) => `${operation}_Output` as const

/** The WSDL's `soapAction` of each operation (`document/<targetNamespace>:<operation>`, as Oracle's other services). */
export const SoapActions: { readonly [O in Operation]: `document/${typeof CtiActivityNamespace}:${O}` } = {
  CTIActivityInsert: `document/${CtiActivityNamespace}:CTIActivityInsert`,
  CTIActivityWrapUp: `document/${CtiActivityNamespace}:CTIActivityWrapUp`,
}
