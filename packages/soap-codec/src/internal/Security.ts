import { type CtiFault, Faults, trimXmlWhiteSpace, type UsernameToken } from "@crmod-cti/core"
import * as Either from "effect/Either"
import { PasswordTextType, WsseNamespace } from "../Namespaces.js"
import { escapeXml } from "./XmlEscape.js"
import { onlyChild, Repeated, type XmlElement } from "./XmlTree.js"

/**
 * The WS-Security 1.0 header with a UsernameToken whose password is sent as text (`PasswordText`), marked
 * `mustUnderstand` as CRM On Demand's own samples do.
 */
export const securityHeader = (token: UsernameToken, envelopePrefix: string): string =>
  `<wsse:Security xmlns:wsse="${WsseNamespace}" ${envelopePrefix}:mustUnderstand="1"><wsse:UsernameToken>` +
  `<wsse:Username>${escapeXml(token.username)}</wsse:Username>` +
  `<wsse:Password Type="${PasswordTextType}">${escapeXml(token.password)}</wsse:Password>` +
  "</wsse:UsernameToken></wsse:Security>"

const ambiguous = (parent: string, child: string): CtiFault =>
  Faults.malformedRequest(`The request is ambiguous: its ${parent} has more than one wsse:${child}`)

/**
 * The UsernameToken of a request's header, or the one contract fault that says what is missing or ambiguous (two
 * `Security` headers, `UsernameToken`s, `Username`s or `Password`s: nothing is picked). What real clients add
 * (`wsu:Timestamp`, `Nonce`, `Created`, `mustUnderstand`, `actor`) is ignored. The user name is trimmed of XML white
 * space (it is a sign-in id); the password is taken exactly as sent, and never appears in a fault. A password whose
 * `Type` says it is not the password itself (`PasswordDigest`) cannot be checked against one: it fails to
 * authenticate, as a wrong password does.
 */
export const readUsernameToken = (header: XmlElement | undefined): Either.Either<UsernameToken, CtiFault> => {
  const security = header === undefined ? undefined : onlyChild(header, WsseNamespace, "Security")
  if (security === Repeated) return Either.left(ambiguous("SOAP Header", "Security"))
  if (security === undefined) return Either.left(Faults.missingSecurity())
  const token = onlyChild(security, WsseNamespace, "UsernameToken")
  if (token === Repeated) return Either.left(ambiguous("wsse:Security", "UsernameToken"))
  if (token === undefined) return Either.left(Faults.missingUsernameToken())
  const usernameElement = onlyChild(token, WsseNamespace, "Username")
  if (usernameElement === Repeated) return Either.left(ambiguous("wsse:UsernameToken", "Username"))
  const passwordElement = onlyChild(token, WsseNamespace, "Password")
  if (passwordElement === Repeated) return Either.left(ambiguous("wsse:UsernameToken", "Password"))
  const username = usernameElement === undefined ? "" : trimXmlWhiteSpace(usernameElement.text)
  if (username === "") return Either.left(Faults.missingUsername())
  const password = passwordElement?.text ?? ""
  if (password === "") return Either.left(Faults.missingPassword())
  const type = passwordElement?.attributes.Type
  if (type !== undefined && trimXmlWhiteSpace(type) !== PasswordTextType)
    return Either.left(Faults.authenticationFailed())
  return Either.right({ username, password })
}
