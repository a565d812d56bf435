import { CtiString, CtiText } from "@crmod-cti/core"
import { Schema } from "effect"
import * as fc from "fast-check"

/**
 * Text that breaks careless XML writers, readers and length counters: markup and references an encoder must escape
 * (an envelope's closing tag, CDATA start and end, a comment end, an entity and a character reference), quotes,
 * non-ASCII and astral characters (one character, two UTF-16 code units), and the white space XML rewrites (a literal
 * `\r` becomes `\n`) or the schemas trim.
 */
const awkwardPieces: ReadonlyArray<string> = [
  "<",
  ">",
  "&",
  "&amp;",
  "&#x41;",
  "<![CDATA[",
  "]]>",
  "-->",
  "</data:Origin>",
  '"',
  "'",
  "é",
  "ß",
  "中",
  "😀",
  "𝄞",
  " ",
  "\t",
  "\n",
  "\r",
  "\r\n",
]

const codePoint = (min: number, max: number) => fc.integer({ min, max }).map((code) => String.fromCodePoint(code))

/**
 * One or more characters that XML 1.0 can carry (its `Char` production, every range of it), awkward ones often:
 * legal by construction, so no generated text is thrown away for an illegal character.
 */
const xmlPiece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...awkwardPieces) },
  { weight: 4, arbitrary: codePoint(0x20, 0x7e) },
  { weight: 1, arbitrary: codePoint(0x7f, 0xd7ff) },
  { weight: 1, arbitrary: codePoint(0xe000, 0xfffd) },
  { weight: 1, arbitrary: codePoint(0x10000, 0x10ffff) },
)

/** Any text XML can carry, possibly empty or padded with white space: for values nothing constrains (results, faults). */
export const anyText: fc.Arbitrary<string> = fc.array(xmlPiece, { maxLength: 40 }).map((pieces) => pieces.join(""))

/**
 * Text that `schema` accepts, of at most `maxCharacters` characters: pieces joined, trimmed and cut to length (so the
 * limit itself is reached), then kept only when the schema agrees, so a value is valid by the core's own definition.
 */
const validText = (schema: Schema.Schema<string>, maxCharacters: number): fc.Arbitrary<string> => {
  const valid = Schema.is(schema)
  return fc
    .array(xmlPiece, { minLength: 1, maxLength: maxCharacters })
    .map((pieces) => Array.from(pieces.join("").trim()).slice(0, maxCharacters).join("").trim())
    .filter(valid)
}

/** The chapter's `String (n)` (the core's `CtiString(n)`): 1 to `n` characters, no white space at either end. */
export const ctiString = (n: number): fc.Arbitrary<string> => validText(CtiString(n), n)

/** Non-empty `CtiText` of up to 40 characters: `Priority`, user names, client names (no length limit of their own). */
export const ctiText: fc.Arbitrary<string> = validText(CtiText.pipe(Schema.minLength(1)), 40)
