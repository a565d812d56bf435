import { bounded } from "./Bounded.js"
import { strictEntityDecoder } from "./XmlEntities.js"
import { type XmlProblem, XmlProblemError } from "./XmlProblem.js"
import { APOSTROPHE, EQUALS, GT, LT, QUOTE, SLASH, isWhiteSpace } from "./XmlCharacters.js"

/** `xmlns="…"` (prefix `""`) or `xmlns:p="…"` on the start tag of the `element`-th element, counted from 0. */
export interface NamespaceDeclaration {
  readonly element: number
  readonly prefix: string
  readonly namespace: string
}

/** What is wrong with a start tag, said with its names and, for a tag inside a password, without. */
export interface StartTagProblem {
  readonly detail: string
  readonly withoutNames: string
}

const endsAttributeName = (code: number) =>
  isWhiteSpace(code) ||
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
 * Reads the attributes of a document's start tags (XML 1.0: `S Name S? '=' S? AttValue`, each value in `"` or `'`,
 * without `<`, white space between attributes, each name once per tag) and records the namespace declarations among
 * them. This is the one place attributes are read: fast-xml-parser is told to ignore them, so there is no second
 * reader to disagree with. Values go through the same strict decoder as text (`XmlEntities.ts`).
 *
 * One reader per document; tags are read in document order. Tags without declarations allocate nothing.
 */
export class AttributeReader {
  /** In document order. */
  readonly declarations: Array<NamespaceDeclaration> = []
  /**
   * A value with a reference that is not one of XML's. It is the same problem wherever it is, so it is reported
   * where a bad reference in text is: once the whole structure has been checked.
   */
  badReference: XmlProblem | undefined = undefined
  // The names of the current tag's attributes, as [start, end) pairs in the first `nameBounds` entries: the array is
  // reused from tag to tag.
  private readonly names: Array<number> = []
  private nameBounds = 0
  // The next `<` and `&` at or after the last place looked from (-2: not looked for yet, -1: none left). Tags are
  // read in document order, so each character is looked at once however many values the document has.
  private nextLessThan = -2
  private nextAmpersand = -2

  constructor(private readonly xml: string) {}

  /**
   * Reads the attributes of the start tag `<tagName` of the `element`-th element, from just after its name to its
   * `>`: the index of that `>`, or what is wrong.
   */
  read(from: number, tagName: string, element: number): number | StartTagProblem {
    const xml = this.xml
    this.nameBounds = 0
    let at = from
    for (;;) {
      let code = xml.charCodeAt(at)
      const spaced = isWhiteSpace(code)
      while (isWhiteSpace(code)) code = xml.charCodeAt(++at)
      if (code === GT) return at
      if (code === SLASH && xml.charCodeAt(at + 1) === GT) return at + 1
      if (Number.isNaN(code)) return this.endsInside(tagName)
      if (code === LT) return this.lessThanInside(tagName)
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
      const nameEnd = at
      if (nameEnd === nameStart) {
        return problem(`an attribute of <${bounded(tagName)}> has no name`, "an attribute has no name")
      }
      code = xml.charCodeAt(at)
      while (isWhiteSpace(code)) code = xml.charCodeAt(++at)
      if (code !== EQUALS) {
        if (Number.isNaN(code)) return this.endsInside(tagName)
        if (code === LT) return this.lessThanInside(tagName)
        return problem(
          `the attribute ${this.nameOf(nameStart, nameEnd)} of <${bounded(tagName)}> has no value`,
          "an attribute has no value",
        )
      }
      code = xml.charCodeAt(++at)
      while (isWhiteSpace(code)) code = xml.charCodeAt(++at)
      if (code !== QUOTE && code !== APOSTROPHE) {
        if (Number.isNaN(code)) return this.endsInside(tagName)
        if (code === LT) return this.lessThanInside(tagName)
        return problem(
          `the value of the attribute ${this.nameOf(nameStart, nameEnd)} of <${bounded(tagName)}> is not quoted`,
          "an attribute value is not quoted",
        )
      }
      const valueStart = at + 1
      const close = xml.indexOf(code === QUOTE ? '"' : "'", valueStart)
      if (close === -1) {
        return problem(`an attribute value of <${bounded(tagName)}> is not closed`, "an attribute value is not closed")
      }
      if (this.lessThanFrom(valueStart) < close) {
        return problem(
          `'<' in the value of the attribute ${this.nameOf(nameStart, nameEnd)} of <${bounded(tagName)}>`,
          "'<' in an attribute value",
        )
      }
      if (this.isRepeated(nameStart, nameEnd)) {
        return problem(
          `the attribute ${this.nameOf(nameStart, nameEnd)} appears twice in <${bounded(tagName)}>`,
          "an attribute appears twice in one tag",
        )
      }
      const prefix = this.declaredPrefix(nameStart, nameEnd)
      if (prefix !== undefined) {
        this.declarations.push({ element, prefix, namespace: this.valueOf(valueStart, close) })
      } else if (this.ampersandFrom(valueStart) < close) this.valueOf(valueStart, close)
      at = close + 1
    }
  }

  private endsInside(tagName: string): StartTagProblem {
    return problem(`the document ends inside the tag <${bounded(tagName)}>`, "the document ends inside a tag")
  }

  private lessThanInside(tagName: string): StartTagProblem {
    return problem(`'<' inside the tag <${bounded(tagName)}>`, "'<' inside a tag")
  }

  private nameOf(start: number, end: number): string {
    return bounded(this.xml.slice(start, end))
  }

  private lessThanFrom(from: number): number {
    if (this.nextLessThan < from && this.nextLessThan !== -1) this.nextLessThan = this.xml.indexOf("<", from)
    return this.nextLessThan === -1 ? Number.POSITIVE_INFINITY : this.nextLessThan
  }

  private ampersandFrom(from: number): number {
    if (this.nextAmpersand < from && this.nextAmpersand !== -1) this.nextAmpersand = this.xml.indexOf("&", from)
    return this.nextAmpersand === -1 ? Number.POSITIVE_INFINITY : this.nextAmpersand
  }

  // XML's "Unique Att Spec": no name twice in one tag. Tags have few attributes, so each is compared with each.
  private isRepeated(start: number, end: number): boolean {
    const xml = this.xml
    const names = this.names
    const length = end - start
    for (let n = 0; n < this.nameBounds; n += 2) {
      const other = names[n] as number
      if ((names[n + 1] as number) - other !== length) continue
      let same = true
      for (let k = 0; k < length && same; k++) same = xml.charCodeAt(start + k) === xml.charCodeAt(other + k)
      if (same) return true
    }
    names[this.nameBounds++] = start
    names[this.nameBounds++] = end
    return false
  }

  // `xmlns` declares the default namespace (prefix ""), `xmlns:p` the prefix p.
  private declaredPrefix(start: number, end: number): string | undefined {
    const xml = this.xml
    if (!xml.startsWith("xmlns", start)) return undefined
    if (end === start + 5) return ""
    return xml.charCodeAt(start + 5) === 0x3a ? xml.slice(start + 6, end) : undefined
  }

  // The value, normalised and with its references decoded; a bad reference is noted, to be reported later.
  private valueOf(start: number, end: number): string {
    let value = this.xml.slice(start, end)
    if (value.includes("\n") || value.includes("\r") || value.includes("\t")) {
      value = value.replace(literalWhiteSpace, " ")
    }
    if (this.ampersandFrom(start) >= end) return value
    try {
      return strictEntityDecoder.decode(value)
    } catch (error) {
      if (!(error instanceof XmlProblemError)) throw error
      this.badReference ??= error.problem
      return value
    }
  }
}
