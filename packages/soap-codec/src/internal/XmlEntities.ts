import { isXmlCharacter } from "@crmod-cti/core"

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

/**
 * Text or an attribute value with the five predefined entities and numeric character references replaced, or
 * `undefined` when it holds anything else after an `&`: there are no DTDs, so any other `&name;` (an external or
 * undefined entity) and any bare `&` make the document ill-formed. Each `&` looks at most `longestName` characters
 * further than its `;`, and the first bad one ends the decoding: linear in the text.
 */
export const decodeEntities = (text: string): string | undefined => {
  let amp = text.indexOf("&")
  if (amp === -1) return text
  let decoded = ""
  let copied = 0
  while (amp !== -1) {
    const semicolon = text.indexOf(";", amp + 1)
    if (semicolon === -1 || semicolon - amp - 1 > longestName) return undefined
    const name = text.slice(amp + 1, semicolon)
    const value = predefined(name) ?? (name.charCodeAt(0) === 0x23 ? characterReference(name) : undefined)
    if (value === undefined) return undefined
    decoded += text.slice(copied, amp) + value
    copied = semicolon + 1
    amp = text.indexOf("&", copied)
  }
  return decoded + text.slice(copied)
}
