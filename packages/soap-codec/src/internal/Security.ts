import { type CtiFault, Faults, type UsernameToken } from "@crmod-cti/core"
import * as Either from "effect/Either"
import { PasswordTextType, WsseNamespace } from "../Namespaces.js"
import { escapeXml } from "./XmlEscape.js"
import { firstChild, type XmlElement } from "./XmlTree.js"

/**
 * The WS-Security 1.0 header with a UsernameToken whose password is sent as text (`PasswordText`), marked
 * `mustUnderstand` as CRM On Demand's own samples do.
 */
export const securityHeader = (token: UsernameToken, envelopePrefix: string): string =>
  `<wsse:Security xmlns:wsse="${WsseNamespace}" ${envelopePrefix}:mustUnderstand="1"><wsse:UsernameToken>` +
  `<wsse:Username>${escapeXml(token.username)}</wsse:Username>` +
  `<wsse:Password Type="${PasswordTextType}">${escapeXml(token.password)}</wsse:Password>` +
  "</wsse:UsernameToken></wsse:Security>"

/**
 * The UsernameToken of a request's header, or the one contract fault that says what is missing. What real clients
 * add (`wsu:Timestamp`, `Nonce`, `Created`, `mustUnderstand`, `actor`) is ignored. The user name is trimmed (it is
 * a sign-in id); the password is taken exactly as sent, and never appears in a fault.
 */
export const readUsernameToken = (header: XmlElement | undefined): Either.Either<UsernameToken, CtiFault> => {
  const security = header === undefined ? undefined : firstChild(header, WsseNamespace, "Security")
  if (security === undefined) return Either.left(Faults.missingSecurity())
  const token = firstChild(security, WsseNamespace, "UsernameToken")
  if (token === undefined) return Either.left(Faults.missingUsernameToken())
  const username = firstChild(token, WsseNamespace, "Username")?.text.trim() ?? ""
  if (username === "") return Either.left(Faults.missingUsername())
  const password = firstChild(token, WsseNamespace, "Password")?.text ?? ""
  if (password === "") return Either.left(Faults.missingPassword())
  return Either.right({ username, password })
}
