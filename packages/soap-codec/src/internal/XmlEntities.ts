import { isXmlCharacter } from "@crmod-cti/core"
import { XmlProblemError } from "./XmlProblem.js"

const predefined = (name: string): string | undefined => {
  switch (name) {
    case "amp":
      return "&"
    case "lt":
      return "<"
    case "gt":
      return ">"
    case "quot":
      return '"'
    case "apos":
      return "'"
  }
  return undefined
}

const decimal = /^#[0-9]{1,7}$/
const hexadecimal = /^#x[0-9a-fA-F]{1,6}$/

const characterReference = (name: string): string | undefined => {
  const code = decimal.test(name)
    ? Number.parseInt(name.slice(1), 10)
    : hexadecimal.test(name)
      ? Number.parseInt(name.slice(2), 16)
      : undefined
  return code !== undefined && isXmlCharacter(code) ? String.fromCodePoint(code) : undefined
}

// The longest reference is `&#x10FFFF;`: a `;` further away cannot end a reference.
const longestName = 8

// The name is not quoted: a client that forgets to escape `&` in a password would see part of it echoed.
const badReference = new XmlProblemError({
  _tag: "NotWellFormed",
  detail: "an '&' that does not start one of the five predefined entities or a character reference",
})

/**
 * Replaces the five predefined entities and numeric character references, and nothing else: there are no
 * DTDs, so any other `&name;` (an external or undefined entity) and any bare `&` make the document ill-formed.
 */
const decode = (text: string): string => {
  let amp = text.indexOf("&")
  if (amp === -1) return text
  let decoded = ""
  let copied = 0
  while (amp !== -1) {
    const semicolon = text.indexOf(";", amp + 1)
    if (semicolon === -1 || semicolon - amp - 1 > longestName) throw badReference
    const name = text.slice(amp + 1, semicolon)
    const value = predefined(name) ?? (name.charCodeAt(0) === 0x23 ? characterReference(name) : undefined)
    if (value === undefined) throw badReference
    decoded += text.slice(copied, amp) + value
    copied = semicolon + 1
    amp = text.indexOf("&", copied)
  }
  return decoded + text.slice(copied)
}

/** fast-xml-parser's `entityDecoder`, for text and attribute values alike: stateless, so one instance serves every parse. */
export const strictEntityDecoder = {
  decode,
  reset: () => {},
  setXmlVersion: () => {},
  setExternalEntities: () => {},
  // Only a DOCTYPE declares entities, and `precheck` refuses those before parsing.
  addInputEntities: () => {
    throw new XmlProblemError({ _tag: "EntityDeclaration" })
  },
}
