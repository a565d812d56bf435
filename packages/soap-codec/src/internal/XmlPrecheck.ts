import { indexOfIllegalXmlCharacter, isXmlWhiteSpace } from "@crmod-cti/core"
import { XmlLimits } from "../XmlLimits.js"
import { bounded } from "./Bounded.js"
import { Markup } from "./Markup.js"
import { StartTagReader } from "./StartTag.js"
import { APOSTROPHE, BANG, GT, LT, QUESTION, QUOTE, SLASH } from "./XmlCharacters.js"
import type { XmlProblem } from "./XmlProblem.js"

/** A cap on the elements of one local name, whatever their prefix: an answer has at most one result per interaction. */
export interface ElementCap {
  readonly localName: string
  readonly max: number
}

const onlyWhiteSpace = (xml: string, from: number, to: number): boolean => {
  for (let i = from; i < to; i++) if (!isXmlWhiteSpace(xml.charCodeAt(i))) return false
  return true
}

// A quote ends a name too, so that tags end where fast-xml-parser (which skips quoted values) sees them end.
const endsName = (code: number) =>
  isXmlWhiteSpace(code) || code === SLASH || code === GT || code === LT || code === QUOTE || code === APOSTROPHE

const notWellFormed = (detail: string): XmlProblem => ({ _tag: "NotWellFormed", detail })

const lineOf = (xml: string, index: number): number => {
  let line = 1
  for (let at = xml.indexOf("\n"); at !== -1 && at < index; at = xml.indexOf("\n", at + 1)) line++
  return line
}

// A password is text, so markup "inside" one is a client's escaping mistake: never quote names from there.
const insidePassword = (open: ReadonlyArray<string>) =>
  open.some((name) => name === "Password" || name.endsWith(":Password"))

const hasLocalName = (name: string, localName: string) =>
  name.endsWith(localName) &&
  (name.length === localName.length || name.charCodeAt(name.length - localName.length - 1) === 0x3a)

/**
 * The one pass over a document before the parser sees it, linear in its length, refusing what must be refused before
 * anything is built: DOCTYPE, entity declarations and processing instructions (other than a leading XML declaration),
 * nesting deeper than `XmlLimits.maxDepth`, more attributes on one element or namespace declarations in the document
 * than `XmlLimits` allows (see `StartTagReader`), more elements named `cap.localName` than `cap.max`, and what the
 * parser does not check: that every character is one XML can carry, that end tags match start tags, that there is
 * exactly one root element, that nothing is cut off, and that start tags' attributes are well-formed.
 *
 * Returns the markup for the parser: the document without the white space that only separates tags (between two
 * tags, except between a start tag and its end tag, so that an element's own text is kept exactly), and with white
 * space in attribute values written as the spaces XML reads. The scan finds every text run anyway, and fast-xml-parser
 * copies text one character at a time: a pretty-printed envelope is a third white space, which costs the parser far
 * more than leaving it out here does.
 */
export const precheck = (xml: string, cap?: ElementCap): string | XmlProblem => {
  const open: Array<string> = []
  let capped = 0
  let rootSeen = false
  let i = 0
  while (i < xml.length && isXmlWhiteSpace(xml.charCodeAt(i))) i++
  if (i === xml.length) return { _tag: "Empty" }
  const markup = new Markup(xml, i)
  const startTags = new StartTagReader(xml, markup)
  // What the text run at `i` follows: a tag (or the XML declaration), and whether that tag is a start tag.
  let afterTag = true
  let afterStartTag = false
  if (xml.startsWith("<?xml", i) && isXmlWhiteSpace(xml.charCodeAt(i + 5))) {
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
      if (blank && afterTag && next !== BANG && !(afterStartTag && next === SLASH)) markup.replace(i, textEnd, "")
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
      while (end < xml.length && isXmlWhiteSpace(xml.charCodeAt(end))) end++
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
      const tagEnd = startTags.read(end, name)
      if (typeof tagEnd !== "number")
        return "_tag" in tagEnd ? tagEnd : problemAt(lt, tagEnd.detail, tagEnd.withoutNames)
      if (cap !== undefined && hasLocalName(name, cap.localName) && ++capped > cap.max) {
        return { _tag: "TooManyElements", localName: cap.localName, max: cap.max }
      }
      end = tagEnd
      rootSeen = true
      afterTag = true
      afterStartTag = xml.charCodeAt(end - 1) !== SLASH
      if (afterStartTag) {
        open.push(name)
        if (open.length > XmlLimits.maxDepth) return { _tag: "TooDeep", maxDepth: XmlLimits.maxDepth }
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
  const illegal = indexOfIllegalXmlCharacter(xml)
  if (illegal !== -1) return notWellFormed(`a character XML cannot carry (line ${lineOf(xml, illegal)})`)
  return markup.toString()
}
