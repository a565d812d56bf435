import type { XmlProblem } from "./XmlProblem.js"

/** A body as text, or why it is not: too large (checked before anything else) or not UTF-8. */
export type BodyText = string | { readonly _tag: "TooLarge" } | XmlProblem

const tooLarge = { _tag: "TooLarge" } as const
const notUtf8 = { _tag: "NotUtf8" } as const

// `fatal`: a body that is not UTF-8 is refused rather than silently repaired.
const utf8 = new TextDecoder("utf-8", { fatal: true })

/** UTF-8 length of a string, counting no further than just past `limit`. */
const utf8LengthBeyond = (text: string, limit: number): number => {
  let bytes = 0
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}

// A UTF-16 code unit takes one to three UTF-8 bytes, so most strings are decided by their length alone.
const exceeds = (text: string, maxBytes: number): boolean =>
  text.length > maxBytes || (text.length * 3 > maxBytes && utf8LengthBeyond(text, maxBytes) > maxBytes)

/** The body as text without a byte-order mark, its size checked against `maxBytes` before it is decoded. */
export const bodyText = (body: string | Uint8Array, maxBytes: number): BodyText => {
  if (typeof body === "string") {
    if (exceeds(body, maxBytes)) return tooLarge
    return body.charCodeAt(0) === 0xfeff ? body.slice(1) : body
  }
  if (body.byteLength > maxBytes) return tooLarge
  try {
    return utf8.decode(body)
  } catch {
    return notUtf8
  }
}
