/**
 * XML 1.0's rules for text, written once for every package: which characters a document can carry at all (`Char`),
 * and which are white space (`S`). Only XML white space surrounds a value without being part of it: a no-break space,
 * an em space or a byte-order mark is a character of the value (so `"\u00a0X"` and `"X"` stay two identities).
 */

/** XML's white space (`S`): space, tab, carriage return, line feed. */
export const isXmlWhiteSpace = (code: number): boolean =>
  code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d

/** A value without the XML white space around it, and nothing else removed. */
export const trimXmlWhiteSpace = (value: string): string => {
  let start = 0
  let end = value.length
  while (start < end && isXmlWhiteSpace(value.charCodeAt(start))) start++
  while (end > start && isXmlWhiteSpace(value.charCodeAt(end - 1))) end--
  return start === 0 && end === value.length ? value : value.slice(start, end)
}

// XML 1.0 `Char`: anything outside it (control characters, U+FFFE/U+FFFF, unpaired surrogates) cannot be carried.
const illegalXmlCharacter = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u

/** Where the first character that XML cannot carry is, or -1 when there is none. */
export const indexOfIllegalXmlCharacter = (text: string): number => text.search(illegalXmlCharacter)

/** Whether XML can carry a code point (the target of a character reference `&#…;`). */
export const isXmlCharacter = (codePoint: number): boolean =>
  codePoint >= 0 && codePoint <= 0x10ffff && !illegalXmlCharacter.test(String.fromCodePoint(codePoint))
