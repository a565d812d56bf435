import { indexOfIllegalXmlCharacter, isXmlWhiteSpace } from "@crmod-cti/core"
import { XmlLimits } from "../XmlLimits.js"
import { bounded } from "./Bounded.js"
import { documentScope, type NamespaceScope, withDeclarations } from "./NamespaceScope.js"
import { StartTagReader } from "./StartTag.js"
import { APOSTROPHE, BANG, GT, LT, QUESTION, QUOTE, SLASH } from "./XmlCharacters.js"
import { decodeEntities } from "./XmlEntities.js"
import type { XmlProblem } from "./XmlProblem.js"
import type { XmlElement } from "./XmlTree.js"

/** A cap on the elements of one local name, whatever their prefix: an answer has at most one result per interaction. */
export interface ElementCap {
  readonly localName: string
  readonly max: number
}

const onlyWhiteSpace = (xml: string, from: number, to: number): boolean => {
  for (let i = from; i < to; i++) if (!isXmlWhiteSpace(xml.charCodeAt(i))) return false
  return true
}

// A quote ends a name too: `<a"b">` is a name followed by a quote (refused), not a name with quotes in it. A table,
// as every character of every name is looked up in it.
const nameEnders = new Uint8Array(128)
for (const code of [0x20, 0x09, 0x0a, 0x0d, SLASH, GT, LT, QUOTE, APOSTROPHE]) nameEnders[code] = 1
const endsName = (code: number) => code < 128 && nameEnders[code] === 1

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

/** An element while its content is read: its text grows run by run, its children one by one. */
interface OpenElement extends XmlElement {
  text: string
  readonly children: Array<XmlElement>
}

const noAttributes: Readonly<Record<string, string>> = Object.freeze(Object.create(null))

const undeclaredPrefix = notWellFormed("an element name uses an undeclared namespace prefix")

// The name is not quoted: a client that forgets to escape `&` in a password would see part of it echoed.
const badReference = notWellFormed(
  "an '&' that does not start one of the five predefined entities or a character reference",
)

// XML's end-of-line handling: a CR LF pair or a lone CR in text or CDATA is read as one LF.
const lineEnds = /\r\n?/g

const normalisedLineEnds = (text: string): string => (text.indexOf("\r") === -1 ? text : text.replace(lineEnds, "\n"))

/**
 * Parses a document into its root element, or says why it cannot be, in one pass linear in its length: every loop
 * moves forward through the text, and the only stack is that of the open elements, at most `XmlLimits.maxDepth`.
 *
 * Refused as soon as they are met, before anything past them is built: DOCTYPE, entity declarations and processing
 * instructions (other than a leading XML declaration, which is skipped unread), nesting deeper than
 * `XmlLimits.maxDepth`, more attributes on one element or namespace declarations in the document than `XmlLimits`
 * allows (see `StartTagReader`), more elements named `cap.localName` than `cap.max`, and what is not well-formed: end
 * tags that do not match start tags, not exactly one root element, something cut off, start tags whose attributes
 * are not. Once the whole document has passed, characters XML cannot carry, then an `&` that starts no reference we
 * know (`decodeEntities`), then a prefix used and never declared: a document with several problems is refused for
 * the same one whatever its order.
 *
 * An element's `text` is its own text runs and CDATA sections in document order, references replaced and line ends
 * read as LF; white space that only separates tags is left out (between two tags, except between a start tag and its
 * end tag, so that `<a> </a>` keeps its space), white space next to a comment or CDATA section is kept.
 */
export const parseXml = (xml: string, cap?: ElementCap): XmlElement | XmlProblem => {
  // The open elements: their names as written (for end tags and messages), themselves, and their scopes.
  const open: Array<string> = []
  const elements: Array<OpenElement> = []
  const scopes: Array<NamespaceScope> = [documentScope]
  let root: XmlElement | undefined
  let capped = 0
  let badText = false
  let undeclared = false
  let i = 0
  while (i < xml.length && isXmlWhiteSpace(xml.charCodeAt(i))) i++
  if (i === xml.length) return { _tag: "Empty" }
  const startTags = new StartTagReader(xml)
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
  // Adds text or CDATA to the innermost open element. Once a reference was bad the document will be refused for it,
  // so nothing more is decoded: a scan for the `;` that does not come is paid once.
  const addText = (text: string, decode: boolean) => {
    const element = elements.at(-1) as OpenElement
    const normalised = normalisedLineEnds(text)
    if (!decode || badText) element.text += normalised
    else {
      const decoded = decodeEntities(normalised)
      if (decoded === undefined) badText = true
      else element.text += decoded
    }
  }
  for (;;) {
    const lt = xml.indexOf("<", i)
    const textEnd = lt === -1 ? xml.length : lt
    const next = lt === -1 ? Number.NaN : xml.charCodeAt(lt + 1)
    if (i < textEnd) {
      const blank = onlyWhiteSpace(xml, i, textEnd)
      if (open.length === 0) {
        if (!blank) return problemAt(i, "text outside the root element", "text outside the root element")
      } else if (!blank || !afterTag || next === BANG || (afterStartTag && next === SLASH)) {
        // Next to a comment or CDATA section the white space may be part of an element's text: it stays.
        addText(xml.slice(i, textEnd), true)
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
      elements.pop()
      scopes.pop()
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
        addText(xml.slice(lt + 9, end), false)
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
      if (open.length === 0 && root !== undefined) {
        return problemAt(lt, "a second root element", "a second root element")
      }
      let end = lt + 1
      while (end < xml.length && !endsName(xml.charCodeAt(end))) end++
      if (end === lt + 1) return problemAt(lt, "'<' is not followed by a name", "'<' is not followed by a name")
      const name = xml.slice(lt + 1, end)
      // Most tags have no attributes: `<name>` is read here, the rest by the start-tag reader.
      const bare = xml.charCodeAt(end) === GT
      const tagEnd = bare ? end : startTags.read(end, name)
      if (typeof tagEnd !== "number")
        return "_tag" in tagEnd ? tagEnd : problemAt(lt, tagEnd.detail, tagEnd.withoutNames)
      if (cap !== undefined && hasLocalName(name, cap.localName) && ++capped > cap.max) {
        return { _tag: "TooManyElements", localName: cap.localName, max: cap.max }
      }
      const parentScope = scopes.at(-1) as NamespaceScope
      const scope = bare ? parentScope : withDeclarations(parentScope, startTags.declarations)
      const colon = name.indexOf(":")
      const namespace = scope.get(colon === -1 ? "" : name.slice(0, colon))
      if (namespace === undefined) undeclared = true
      const element: OpenElement = {
        namespace: namespace ?? "",
        localName: colon === -1 ? name : name.slice(colon + 1),
        attributes: bare ? noAttributes : (startTags.attributes ?? noAttributes),
        children: [],
        text: "",
      }
      const parent = elements.at(-1)
      if (parent === undefined) root = element
      else parent.children.push(element)
      afterTag = true
      afterStartTag = xml.charCodeAt(tagEnd - 1) !== SLASH
      if (afterStartTag) {
        open.push(name)
        if (open.length > XmlLimits.maxDepth) return { _tag: "TooDeep", maxDepth: XmlLimits.maxDepth }
        elements.push(element)
        scopes.push(scope)
      }
      i = tagEnd + 1
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
  if (root === undefined) return notWellFormed("no root element")
  const illegal = indexOfIllegalXmlCharacter(xml)
  if (illegal !== -1) return notWellFormed(`a character XML cannot carry (line ${lineOf(xml, illegal)})`)
  if (badText || startTags.badReference) return badReference
  if (undeclared) return undeclaredPrefix
  return root
}
