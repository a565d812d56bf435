import { XMLParser } from "fast-xml-parser"
import { bounded } from "./Bounded.js"
import type { NamespaceDeclaration } from "./XmlAttributes.js"
import { strictEntityDecoder } from "./XmlEntities.js"
import { type XmlProblem, XmlProblemError } from "./XmlProblem.js"
import { type CheckedMarkup, checkStructure, MaxElementDepth } from "./XmlStructure.js"

/** An element with its name resolved to a namespace. `text` is its own text content, CDATA included. */
export interface XmlElement {
  /** The namespace URI, `""` for none. */
  readonly namespace: string
  readonly localName: string
  readonly children: ReadonlyArray<XmlElement>
  readonly text: string
}

// fast-xml-parser's `preserveOrder` output, attributes ignored: `{ [tagName]: children }` or `{ "#text": text }`.
type FxpNode = { readonly [key: string]: unknown }

const TextKey = "#text"

// fast-xml-parser refuses or renames these element names; a `#` (never part of an XML name) keeps them intact.
const reservedNames: ReadonlySet<string> = new Set([
  "__proto__",
  "constructor",
  "prototype",
  "hasOwnProperty",
  "toString",
  "valueOf",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
])

/**
 * Built once: the parser keeps no state between documents. It reads elements and text only: attributes are read by
 * the pre-scan alone (`checkStructure`), which hands over the namespace declarations.
 */
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  parseTagValue: false,
  // Exact text: a password or a name keeps its spaces; white space between elements is simply not used.
  trimValues: false,
  removeNSPrefix: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  entityDecoder: strictEntityDecoder,
  maxNestedTags: MaxElementDepth,
  // Callbacks get the path matcher instead of a path string built for every tag.
  jPath: false,
  transformTagName: (name) => (reservedNames.has(name) ? `#${name}` : name),
})

type Scope = ReadonlyMap<string, string>

const initialScope: Scope = new Map([
  ["", ""],
  ["xml", "http://www.w3.org/XML/1998/namespace"],
])

const undeclaredPrefix = new XmlProblemError({
  _tag: "NotWellFormed",
  detail: "an element name uses an undeclared namespace prefix",
})

// The parser could not read the document, or read other elements than the pre-scan: the parser's own messages may
// quote the document, so this only says that it failed.
const unreadable: XmlProblem = { _tag: "NotWellFormed", detail: "the XML parser could not read it" }

/**
 * Hands each element the declarations of its start tag: the parser's elements come in document order (pre-order),
 * as the pre-scan recorded the declarations.
 */
class Declarations {
  /** Elements seen so far. */
  elements = 0
  /** The next declaration not yet handed out. */
  next = 0

  constructor(private readonly all: ReadonlyArray<NamespaceDeclaration>) {}

  scopeOfNextElement(inherited: Scope): Scope {
    const element = this.elements++
    let scope: Map<string, string> | undefined
    for (let declaration = this.all[this.next]; declaration?.element === element; declaration = this.all[++this.next]) {
      scope ??= new Map(inherited)
      scope.set(declaration.prefix, declaration.namespace)
    }
    return scope ?? inherited
  }

  /** Whether every declaration went to its element: the parser read exactly the pre-scan's elements. */
  matches(markup: CheckedMarkup): boolean {
    return this.elements === markup.elements && this.next === this.all.length
  }
}

const toElement = (tagName: string, node: FxpNode, inherited: Scope, declarations: Declarations): XmlElement => {
  const scope = declarations.scopeOfNextElement(inherited)
  const name = tagName.charCodeAt(0) === 0x23 ? tagName.slice(1) : tagName
  const colon = name.indexOf(":")
  const namespace = scope.get(colon === -1 ? "" : name.slice(0, colon))
  if (namespace === undefined) throw undeclaredPrefix
  const children: Array<XmlElement> = []
  let text = ""
  for (const child of node[tagName] as ReadonlyArray<FxpNode>) {
    const childName = nameOf(child)
    if (childName === TextKey) text += child[TextKey] as string
    else if (childName !== undefined) children.push(toElement(childName, child, scope, declarations))
  }
  return { namespace, localName: colon === -1 ? name : name.slice(colon + 1), children, text }
}

// `for…in` rather than `Object.keys`: no array per node. The nodes are plain object literals, so nothing is inherited.
const nameOf = (node: FxpNode): string | undefined => {
  for (const key in node) return key
  return undefined
}

/**
 * The root element of a document the pre-scan accepted, read by fast-xml-parser, its names resolved with the
 * declarations the pre-scan recorded. Fails safe: if the parser found another number of elements than the
 * pre-scan, the declarations cannot be matched to elements, and the document is refused.
 */
export const readTree = (checked: CheckedMarkup): XmlElement | XmlProblem => {
  try {
    const declarations = new Declarations(checked.declarations)
    for (const node of parser.parse(checked.markup) as ReadonlyArray<FxpNode>) {
      const name = nameOf(node)
      if (name !== undefined && name !== TextKey) {
        const root = toElement(name, node, initialScope, declarations)
        return declarations.matches(checked) ? root : unreadable
      }
    }
    return { _tag: "NotWellFormed", detail: "no root element" }
  } catch (error) {
    return error instanceof XmlProblemError ? error.problem : unreadable
  }
}

/**
 * Parse a document into its root element, or say why it cannot be: the structure is checked first (see
 * `checkStructure`), then fast-xml-parser reads it (see `readTree`), and names are resolved to namespaces.
 */
export const parseXml = (xml: string): XmlElement | XmlProblem => {
  const checked = checkStructure(xml)
  return "_tag" in checked ? checked : readTree(checked)
}

/** `{namespace}localName`, the unambiguous way to name an element in a message. */
export const qualifiedName = (element: XmlElement): string =>
  element.namespace === "" ? bounded(element.localName) : `{${bounded(element.namespace)}}${bounded(element.localName)}`

export const isElement = (element: XmlElement, namespace: string, localName: string): boolean =>
  element.localName === localName && element.namespace === namespace

export const firstChild = (parent: XmlElement, namespace: string, localName: string): XmlElement | undefined =>
  parent.children.find((child) => isElement(child, namespace, localName))
