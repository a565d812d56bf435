import { XMLParser } from "fast-xml-parser"
import { bounded } from "./Bounded.js"
import { strictEntityDecoder } from "./XmlEntities.js"
import { type XmlProblem, XmlProblemError } from "./XmlProblem.js"
import { checkStructure, MaxElementDepth } from "./XmlStructure.js"

/** An element with its name resolved to a namespace. `text` is its own text content, CDATA included. */
export interface XmlElement {
  /** The namespace URI, `""` for none. */
  readonly namespace: string
  readonly localName: string
  readonly children: ReadonlyArray<XmlElement>
  readonly text: string
}

// fast-xml-parser's `preserveOrder` output: `{ [tagName]: children, ":@"?: attributes }` or `{ "#text": text }`.
type FxpNode = { readonly [key: string]: unknown }

const TextKey = "#text"
const AttributesKey = ":@"
const XmlnsAttribute = "@_xmlns"
const XmlnsPrefixedAttribute = "@_xmlns:"

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

/** Built once: the parser keeps no state between documents. */
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
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

const withDeclarations = (attributes: unknown, inherited: Scope): Scope => {
  if (attributes === undefined) return inherited
  let scope: Map<string, string> | undefined
  for (const [name, value] of Object.entries(attributes as Record<string, string>)) {
    const prefix =
      name === XmlnsAttribute
        ? ""
        : name.startsWith(XmlnsPrefixedAttribute)
          ? name.slice(XmlnsPrefixedAttribute.length)
          : undefined
    if (prefix === undefined) continue
    scope ??= new Map(inherited)
    scope.set(prefix, value)
  }
  return scope ?? inherited
}

const toElement = (tagName: string, node: FxpNode, inherited: Scope): XmlElement => {
  const scope = withDeclarations(node[AttributesKey], inherited)
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
  return { namespace, localName: colon === -1 ? name : name.slice(colon + 1), children, text }
}

// `for…in` rather than `Object.keys`: no array per node. The nodes are plain object literals, so nothing is inherited.
const nameOf = (node: FxpNode): string | undefined => {
  for (const key in node) if (key !== AttributesKey) return key
  return undefined
}

/**
 * Parse a document into its root element, or say why it cannot be: the structure is checked first (see
 * `checkStructure`), then fast-xml-parser reads it, and names are resolved to namespaces.
 */
export const parseXml = (xml: string): XmlElement | XmlProblem => {
  const markup = checkStructure(xml)
  if (typeof markup !== "string") return markup
  try {
    for (const node of parser.parse(markup) as ReadonlyArray<FxpNode>) {
      const name = nameOf(node)
      if (name !== undefined && name !== TextKey) return toElement(name, node, initialScope)
    }
    return { _tag: "NotWellFormed", detail: "no root element" }
  } catch (error) {
    return error instanceof XmlProblemError
      ? error.problem
      : // The parser's own messages may quote the document, so only say that it failed.
        { _tag: "NotWellFormed", detail: "the XML parser could not read it" }
  }
}

/** `{namespace}localName`, the unambiguous way to name an element in a message. */
export const qualifiedName = (element: XmlElement): string =>
  element.namespace === "" ? bounded(element.localName) : `{${bounded(element.namespace)}}${bounded(element.localName)}`

export const isElement = (element: XmlElement, namespace: string, localName: string): boolean =>
  element.localName === localName && element.namespace === namespace

export const firstChild = (parent: XmlElement, namespace: string, localName: string): XmlElement | undefined =>
  parent.children.find((child) => isElement(child, namespace, localName))
