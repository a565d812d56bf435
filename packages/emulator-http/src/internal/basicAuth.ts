import type { UsernameToken } from "@crmod-cti/core"

const utf8 = new TextDecoder()

/** The credentials of an `Authorization: Basic …` header, or none when it is absent or not Basic. */
export const basicCredentials = (authorization: string | undefined): UsernameToken | undefined => {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? "")
  if (match?.[1] === undefined) return undefined
  let text: string
  try {
    text = utf8.decode(Uint8Array.from(atob(match[1]), (c) => c.charCodeAt(0)))
  } catch {
    return undefined
  }
  const colon = text.indexOf(":")
  return colon < 0 ? undefined : { username: text.slice(0, colon), password: text.slice(colon + 1) }
}
