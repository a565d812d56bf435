import { isXmlWhiteSpace } from "@crmod-cti/core"
import { XmlLimits } from "../XmlLimits.js"
import { bounded } from "./Bounded.js"
import { declaredPrefix } from "./NamespaceScope.js"
import { APOSTROPHE, EQUALS, GT, LT, QUOTE, SLASH } from "./XmlCharacters.js"
import { decodeEntities } from "./XmlEntities.js"
import type { XmlProblem } from "./XmlProblem.js"

/** What is wrong with a start tag, said with its names and, for a tag inside a password, without. */
export interface StartTagProblem {
  readonly detail: string
  readonly withoutNames: string
}

const endsAttributeName = (code: number) =>
  isXmlWhiteSpace(code) ||
  code === EQUALS ||
  code === SLASH ||
  code === GT ||
  code === LT ||
  code === QUOTE ||
  code === APOSTROPHE

// XML's attribute-value normalisation: each white-space character written as such is a space (a CR LF pair one).
const literalWhiteSpace = /\r\n?|[\t\n]/g

const problem = (detail: string, withoutNames: string): StartTagProblem => ({ detail, withoutNames })

/**
 * Reads the attributes of a document's start tags, checking their syntax (XML 1.0: `S Name S? '=' S? AttValue`, each
 * value quoted, without `<`), each name once per tag (a set per tag: linear), at most
 * `XmlLimits.maxAttributesPerElement` on a tag and `XmlLimits.maxNamespaceDeclarations` in the document. Values are
 * read as XML says: each white-space character written as such is a space (a CR LF pair one), then references are
 * replaced (`decodeEntities`).
 *
 * One reader per document; tags are read in document order, and what `read` found stays here until the next tag.
 */
export class StartTagReader {
  /**
   * The last tag's attributes other than namespace declarations, by name as written, `undefined` when it has none.
   * A record without a prototype: `__proto__` and `constructor` are plain names.
   */
  attributes: Record<string, string> | undefined
  /** The namespaces the last tag declares: prefix (`""` for the default namespace), URI, prefix, URI, … */
  readonly declarations: Array<string> = []
  /**
   * Whether a value so far held an `&` that starts no reference `decodeEntities` knows. The document is refused for
   * it only once the whole of it has been checked (see `parseXml`); the value is kept as written meanwhile.
   */
  badReference = false
  private declarationCount = 0
  /**
   * The first `<` at or after the last value read (`-1`: none is left). Found by one search for all the values up to
   * it, rather than a scan of each value: tags are read in document order, so the document is searched once.
   */
  private lessThan = -2
  private readonly names = new Set<string>()

  constructor(private readonly xml: string) {}

  /**
   * Reads the attributes of the start tag `<tagName`, from just after its name: the index of the tag's `>`, or what
   * is wrong with it, or the limit it exceeds.
   */
  read(from: number, tagName: string): number | StartTagProblem | XmlProblem {
    const xml = this.xml
    // Most tags have no attributes: nothing to clear (setting an array's length is not free).
    if (this.names.size > 0) this.names.clear()
    if (this.declarations.length > 0) this.declarations.length = 0
    this.attributes = undefined
    let at = from
    for (;;) {
      let code = xml.charCodeAt(at)
      const spaced = isXmlWhiteSpace(code)
      while (isXmlWhiteSpace(code)) code = xml.charCodeAt(++at)
      if (code === GT) return at
      if (code === SLASH && xml.charCodeAt(at + 1) === GT) return at + 1
      if (Number.isNaN(code)) return endsInside(tagName)
      if (code === LT) return lessThanInside(tagName)
      if (code === SLASH) {
        return problem(
          `'/' is not followed by '>' in the tag <${bounded(tagName)}>`,
          "'/' is not followed by '>' in a tag",
        )
      }
      if (!spaced) {
        return at === from
          ? problem(`a quote right after the name <${bounded(tagName)}`, "a quote right after a tag name")
          : problem(
              `no white space between two attributes of <${bounded(tagName)}>`,
              "no white space between two attributes",
            )
      }
      const nameStart = at
      while (at < xml.length && !endsAttributeName(xml.charCodeAt(at))) at++
      if (at === nameStart)
        return problem(`an attribute of <${bounded(tagName)}> has no name`, "an attribute has no name")
      const name = xml.slice(nameStart, at)
      code = xml.charCodeAt(at)
      while (isXmlWhiteSpace(code)) code = xml.charCodeAt(++at)
      if (code !== EQUALS) {
        if (Number.isNaN(code)) return endsInside(tagName)
        if (code === LT) return lessThanInside(tagName)
        return problem(
          `the attribute ${bounded(name)} of <${bounded(tagName)}> has no value`,
          "an attribute has no value",
        )
      }
      code = xml.charCodeAt(++at)
      while (isXmlWhiteSpace(code)) code = xml.charCodeAt(++at)
      if (code !== QUOTE && code !== APOSTROPHE) {
        if (Number.isNaN(code)) return endsInside(tagName)
        if (code === LT) return lessThanInside(tagName)
        return problem(
          `the value of the attribute ${bounded(name)} of <${bounded(tagName)}> is not quoted`,
          "an attribute value is not quoted",
        )
      }
      const valueStart = at + 1
      const close = xml.indexOf(code === QUOTE ? '"' : "'", valueStart)
      if (close === -1) {
        return problem(`an attribute value of <${bounded(tagName)}> is not closed`, "an attribute value is not closed")
      }
      if (this.lessThan !== -1 && this.lessThan < valueStart) this.lessThan = xml.indexOf("<", valueStart)
      if (this.lessThan !== -1 && this.lessThan < close) {
        return problem(
          `'<' in the value of the attribute ${bounded(name)} of <${bounded(tagName)}>`,
          "'<' in an attribute value",
        )
      }
      if (this.names.has(name)) {
        return problem(
          `the attribute ${bounded(name)} appears twice in <${bounded(tagName)}>`,
          "an attribute appears twice in one tag",
        )
      }
      this.names.add(name)
      if (this.names.size > XmlLimits.maxAttributesPerElement) {
        return { _tag: "TooManyAttributes", max: XmlLimits.maxAttributesPerElement }
      }
      const prefix = declaredPrefix(name)
      if (prefix !== undefined && ++this.declarationCount > XmlLimits.maxNamespaceDeclarations) {
        return { _tag: "TooManyNamespaceDeclarations", max: XmlLimits.maxNamespaceDeclarations }
      }
      const value = this.valueOf(xml.slice(valueStart, close).replace(literalWhiteSpace, " "))
      if (prefix !== undefined) this.declarations.push(prefix, value)
      else {
        this.attributes ??= Object.create(null) as Record<string, string>
        this.attributes[name] = value
      }
      at = close + 1
    }
  }

  private valueOf(normalised: string): string {
    if (this.badReference) return normalised
    const decoded = decodeEntities(normalised)
    if (decoded !== undefined) return decoded
    this.badReference = true
    return normalised
  }
}

const endsInside = (tagName: string): StartTagProblem =>
  problem(`the document ends inside the tag <${bounded(tagName)}>`, "the document ends inside a tag")

const lessThanInside = (tagName: string): StartTagProblem =>
  problem(`'<' inside the tag <${bounded(tagName)}>`, "'<' inside a tag")
