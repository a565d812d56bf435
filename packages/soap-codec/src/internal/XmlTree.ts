import { bounded } from "./Bounded.js"

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
