import { randomBytes, timingSafeEqual } from "node:crypto"

/** An unguessable token (256 bits) for session ids and CSRF tokens. */
export const newToken = (): string => randomBytes(32).toString("base64url")

/** Compares a token received with the one expected in constant time; anything missing never matches. */
export const sameToken = (received: string | null | undefined, expected: string | undefined): boolean => {
  if (received === null || received === undefined || expected === undefined) return false
  const a = Buffer.from(received, "utf8")
  const b = Buffer.from(expected, "utf8")
  return a.length === b.length && timingSafeEqual(a, b)
}
