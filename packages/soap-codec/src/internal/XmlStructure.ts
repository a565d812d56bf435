import { bounded } from "./Bounded.js"
import { AttributeReader, type NamespaceDeclaration } from "./XmlAttributes.js"
import type { XmlProblem } from "./XmlProblem.js"
import { APOSTROPHE, BANG, GT, LT, QUESTION, QUOTE, SLASH, isWhiteSpace } from "./XmlCharacters.js"

/** Deepest element nesting accepted: a CTI envelope needs eight levels (a Siebel fault's `errorcode`). */
export const MaxElementDepth = 32

/** A document the pre-scan accepted: the markup for the parser, and what the pre-scan read that the parser does not. */
export interface CheckedMarkup {
  readonly markup: string
  /** How many elements (start tags, empty-element tags included) the document has. */
  readonly elements: number
  /** Every start tag's namespace declarations, in document order. */
  readonly declarations: ReadonlyArray<NamespaceDeclaration>
}

const onlyWhiteSpace = (xml: string, from: number, to: number): boolean => {
  for (let i = from; i < to; i++) if (!isWhiteSpace(xml.charCodeAt(i))) return false
  return true
}

// A quote ends a name too, so that tags end where fast-xml-parser (which skips quoted values) sees them end.
const endsName = (code: number) =>
  isWhiteSpace(code) || code === SLASH || code === GT || code === LT || code === QUOTE || code === APOSTROPHE

const notWellFormed = (detail: string): XmlProblem => ({ _tag: "NotWellFormed", detail })

// Anything outside XML 1.0 `Char` (control characters, U+FFFE/U+FFFF, unpaired surrogates) makes a document ill-formed.
const illegalCharacter = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u

const lineOf = (xml: string, index: number): number => {
  let line = 1
  for (let at = xml.indexOf("\n"); at !== -1 && at < index; at = xml.indexOf("\n", at + 1)) line++
  return line
}

// A password is text, so markup "inside" one is a client's escaping mistake: never quote names from there.
const insidePassword = (open: ReadonlyArray<string>) =>
  open.some((name) => name === "Password" || name.endsWith(":Password"))

/**
 * One cheap pass over the markup before the parser sees it: refuses DOCTYPE, entity declarations and processing
 * instructions (other than a leading XML declaration), caps nesting depth, and checks what the parser does not:
 * that every character is one XML can carry, that end tags match start tags, that there is exactly one root
 * element, that nothing is cut off, and that start tags' attributes are well-formed. It is the one reader of
 * attributes (see `AttributeReader`): it records the namespace declarations, and fast-xml-parser ignores attributes.
 *
 * Returns, with those declarations and the number of elements, the markup for the parser: the document without the
 * white space that only separates tags (between two tags, except between a start tag and its end tag, so that an
 * element's own text is kept exactly). The scan finds every text run anyway, and fast-xml-parser copies text one
 * character at a time: a pretty-printed envelope is a third white space, which costs the parser far more than leaving
 * it out here does.
 */
export const checkStructure = (xml: string): XmlProblem | CheckedMarkup => {
  const open: Array<string> = []
  const attributes = new AttributeReader(xml)
  let elements = 0
  let rootSeen = false
  let i = 0
  while (i < xml.length && isWhiteSpace(xml.charCodeAt(i))) i++
  if (i === xml.length) return { _tag: "Empty" }
  // The markup for the parser is built only once a run of white space is left out.
  let markup = ""
  let copied = i
  // What the text run at `i` follows: a tag (or the XML declaration), and whether that tag is a start tag.
  let afterTag = true
  let afterStartTag = false
  if (xml.startsWith("<?xml", i) && isWhiteSpace(xml.charCodeAt(i + 5))) {
    const end = xml.indexOf("?>", i)
    if (end === -1) return notWellFormed("the XML declaration is not closed")
    i = end + 2
  }
  const problemAt = (index: number, detail: string, withoutNames: string): XmlProblem =>
    notWellFormed(`${insidePassword(open) ? withoutNames : detail} (line ${lineOf(xml, index)})`)
  for (;;) {
    const lt = xml.indexOf("<", i)
    const textEnd = lt === -1 ? xml.length : lt
    const next = lt === -1 ? Number.NaN : xml.charCodeAt(lt + 1)
    if (i < textEnd) {
      const blank = onlyWhiteSpace(xml, i, textEnd)
      if (open.length === 0 && !blank) {
        return problemAt(i, "text outside the root element", "text outside the root element")
      }
      // Next to a comment or CDATA section the white space may be part of an element's text: it stays.
      if (blank && afterTag && next !== BANG && !(afterStartTag && next === SLASH)) {
        markup += xml.slice(copied, i)
        copied = textEnd
      }
    }
    if (lt === -1) break
    if (next === SLASH) {
      const expected = open.at(-1)
      const nameStart = lt + 2
      // Usually the end tag names the innermost open element: compared in place, without cutting the name out.
      const matches =
        expected !== undefined &&
        xml.startsWith(expected, nameStart) &&
        endsName(xml.charCodeAt(nameStart + expected.length))
      let nameEnd = matches ? nameStart + expected.length : nameStart
      if (!matches) while (nameEnd < xml.length && !endsName(xml.charCodeAt(nameEnd))) nameEnd++
      let end = nameEnd
      while (end < xml.length && isWhiteSpace(xml.charCodeAt(end))) end++
      if (xml.charCodeAt(end) !== GT || !matches) {
        const name = bounded(xml.slice(nameStart, nameEnd))
        if (xml.charCodeAt(end) !== GT) {
          return problemAt(lt, `the end tag </${name} is not closed`, "an end tag is not closed")
        }
        if (expected === undefined) return problemAt(lt, `end tag </${name}> without a start tag`, "stray end tag")
        return problemAt(lt, `end tag </${name}> does not match <${bounded(expected)}>`, "mismatched end tag")
      }
      open.pop()
      afterTag = true
      afterStartTag = false
      i = end + 1
    } else if (next === QUESTION) {
      return { _tag: "ProcessingInstruction" }
    } else if (next === BANG) {
      if (xml.startsWith("<!--", lt)) {
        const end = xml.indexOf("-->", lt + 4)
        if (end === -1) return problemAt(lt, "a comment is not closed", "a comment is not closed")
        afterTag = false
        i = end + 3
      } else if (xml.startsWith("<![CDATA[", lt)) {
        if (open.length === 0) return problemAt(lt, "CDATA outside the root element", "CDATA outside the root element")
        const end = xml.indexOf("]]>", lt + 9)
        if (end === -1) return problemAt(lt, "a CDATA section is not closed", "a CDATA section is not closed")
        afterTag = false
        i = end + 3
      } else if (xml.slice(lt + 2, lt + 9).toUpperCase() === "DOCTYPE") {
        return { _tag: "Doctype" }
      } else if (xml.startsWith("<!ENTITY", lt)) {
        return { _tag: "EntityDeclaration" }
      } else {
        return problemAt(lt, "a markup declaration outside a DTD", "a markup declaration outside a DTD")
      }
    } else {
      if (open.length === 0 && rootSeen) return problemAt(lt, "a second root element", "a second root element")
      let end = lt + 1
      while (end < xml.length && !endsName(xml.charCodeAt(end))) end++
      if (end === lt + 1) return problemAt(lt, "'<' is not followed by a name", "'<' is not followed by a name")
      const name = xml.slice(lt + 1, end)
      const tagEnd = attributes.read(end, name, elements)
      if (typeof tagEnd !== "number") return problemAt(lt, tagEnd.detail, tagEnd.withoutNames)
      end = tagEnd
      elements++
      rootSeen = true
      afterTag = true
      afterStartTag = xml.charCodeAt(end - 1) !== SLASH
      if (afterStartTag) {
        open.push(name)
        if (open.length > MaxElementDepth) return { _tag: "TooDeep", maxDepth: MaxElementDepth }
      }
      i = end + 1
    }
  }
  const unclosed = open.at(-1)
  if (unclosed !== undefined) {
    return problemAt(
      xml.length,
      `the document ends before </${bounded(unclosed)}>`,
      "the document ends before an end tag",
    )
  }
  if (!rootSeen) return notWellFormed("no root element")
  const illegal = illegalCharacter.exec(xml)
  if (illegal !== null) return notWellFormed(`a character XML cannot carry (line ${lineOf(xml, illegal.index)})`)
  if (attributes.badReference !== undefined) return attributes.badReference
  return {
    markup: copied === 0 ? xml : markup + xml.slice(copied),
    elements,
    declarations: attributes.declarations,
  }
}
