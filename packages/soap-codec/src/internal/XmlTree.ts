import { XMLParser } from "fast-xml-parser"
import { XmlLimits } from "../XmlLimits.js"
import { bounded } from "./Bounded.js"
import { type ElementCap, precheck } from "./XmlPrecheck.js"
import { strictEntityDecoder } from "./XmlEntities.js"
import { type XmlProblem, XmlProblemError } from "./XmlProblem.js"

/** An element with its name resolved to a namespace. `text` is its own text content, CDATA included. */
export interface XmlElement {
  /** The namespace URI, `""` for none. */
  readonly namespace: string
  readonly localName: string
  /** Its attributes other than namespace declarations, by name as written (`Type`, `soapenv:mustUnderstand`). */
  readonly attributes: Readonly<Record<string, string>>
  readonly children: ReadonlyArray<XmlElement>
  readonly text: string
}

// fast-xml-parser's `preserveOrder` output: `{ [tagName]: children, ":@"?: attributes }` or `{ "#text": text }`.
type FxpNode = { readonly [key: string]: unknown }

const TextKey = "#text"
const AttributesKey = ":@"
// Every attribute name is a plain key behind this prefix, `__proto__` and `constructor` included.
const AttributePrefix = "@_"

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

/** Built once: the parser keeps no state between documents. It reads elements, text and attributes. */
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: AttributePrefix,
  parseAttributeValue: false,
  parseTagValue: false,
  // Exact text: a password or a name keeps its spaces; white space between elements is simply not used.
  trimValues: false,
  removeNSPrefix: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  entityDecoder: strictEntityDecoder,
  maxNestedTags: XmlLimits.maxDepth,
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

// The parser could not read what the pre-check accepted: its own messages may quote the document, so this only says
// that it failed.
const unreadable: XmlProblem = { _tag: "NotWellFormed", detail: "the XML parser could not read it" }

const noAttributes: Readonly<Record<string, string>> = Object.freeze(Object.create(null))

// `xmlns` declares the default namespace (prefix ""), `xmlns:p` the prefix p.
const declaredPrefix = (name: string): string | undefined =>
  name === "xmlns" ? "" : name.startsWith("xmlns:") ? name.slice(6) : undefined

/**
 * An element and its descendants, names resolved in the scope of the namespaces declared on it and its ancestors
 * (the pre-check allows at most `XmlLimits.maxNamespaceDeclarations` in all, so scopes stay small).
 */
const toElement = (tagName: string, node: FxpNode, inherited: Scope): XmlElement => {
  let scope = inherited
  let attributes = noAttributes
  const written = node[AttributesKey] as Readonly<Record<string, string>> | undefined
  if (written !== undefined) {
    for (const key in written) {
      const name = key.slice(AttributePrefix.length)
      const value = written[key] as string
      const prefix = declaredPrefix(name)
      if (prefix !== undefined) {
        if (scope === inherited) scope = new Map(inherited)
        ;(scope as Map<string, string>).set(prefix, value)
      } else {
        if (attributes === noAttributes) attributes = Object.create(null)
        ;(attributes as Record<string, string>)[name] = value
      }
    }
  }
  const name = tagName.charCodeAt(0) === 0x23 ? tagName.slice(1) : tagName
  const colon = name.indexOf(":")
  const namespace = scope.get(colon === -1 ? "" : name.slice(0, colon))
  if (namespace === undefined) throw undeclaredPrefix
  const children: Array<XmlElement> = []
  let text = ""
  for (const child of node[tagName] as ReadonlyArray<FxpNode>) {
    const childName = nameOf(child)
    if (childName === TextKey) text += child[TextKey] as string
    else if (childName !== undefined) children.push(toElement(childName, child, scope))
  }
  return { namespace, localName: colon === -1 ? name : name.slice(colon + 1), attributes, children, text }
}

// `for…in` rather than `Object.keys`: no array per node. The element's name is its node's first key.
const nameOf = (node: FxpNode): string | undefined => {
  for (const key in node) return key
  return undefined
}

/**
 * Parse a document into its root element, or say why it cannot be: the one linear pre-check first (see `precheck`:
 * size aside, everything that must be refused before anything is built, `cap` included), then fast-xml-parser reads
 * elements, text and attributes, and names are resolved to namespaces from the declarations it read.
 */
export const parseXml = (xml: string, cap?: ElementCap): XmlElement | XmlProblem => {
  const markup = precheck(xml, cap)
  if (typeof markup !== "string") return markup
  try {
    for (const node of parser.parse(markup) as ReadonlyArray<FxpNode>) {
      const name = nameOf(node)
      if (name !== undefined && name !== TextKey) return toElement(name, node, initialScope)
    }
    return unreadable
  } catch (error) {
    return error instanceof XmlProblemError ? error.problem : unreadable
  }
}

/** `{namespace}localName`, the unambiguous way to name an element in a message. */
export const qualifiedName = (element: XmlElement): string =>
  element.namespace === "" ? bounded(element.localName) : `{${bounded(element.namespace)}}${bounded(element.localName)}`

export const isElement = (element: XmlElement, namespace: string, localName: string): boolean =>
  element.localName === localName && element.namespace === namespace

export const firstChild = (parent: XmlElement, namespace: string, localName: string): XmlElement | undefined =>
  parent.children.find((child) => isElement(child, namespace, localName))

/** Two or more children of one name where one is expected: the envelope is ambiguous, and nothing is picked. */
export const Repeated = "Repeated"

/** The only child of that name, `undefined` when there is none, or `Repeated`: never the first of several. */
export const onlyChild = (
  parent: XmlElement,
  namespace: string,
  localName: string,
): XmlElement | undefined | typeof Repeated => {
  let found: XmlElement | undefined
  for (const child of parent.children) {
    if (!isElement(child, namespace, localName)) continue
    if (found !== undefined) return Repeated
    found = child
  }
  return found
}
