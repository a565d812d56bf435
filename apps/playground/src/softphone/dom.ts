/** What an element may hold: nodes and text (text is set as text, never parsed as HTML). */
export type Child = Node | string | false | null | undefined

/** Attribute values; `false` and `undefined` leave the attribute out, `true` writes it empty. */
export type Attributes = Readonly<Record<string, string | number | boolean | undefined>>

/**
 * Create an element with attributes and children. Every value goes through `setAttribute` or a text node, so
 * nothing the CRM or the user supplies is ever parsed as HTML (the page's CSP forbids inline script and style too).
 */
export const h = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: ReadonlyArray<Child>
): HTMLElementTagNameMap[K] => {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue
    element.setAttribute(name, value === true ? "" : String(value))
  }
  append(element, children)
  return element
}

export const append = (parent: Node, children: ReadonlyArray<Child>): void => {
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child)
  }
}

/** Replace an element's children. */
export const replaceChildren = (parent: Element, ...children: ReadonlyArray<Child>): void => {
  parent.replaceChildren()
  append(parent, children)
}

/** Ids for label/control pairs, unique within the page. */
let lastId = 0
export const uniqueId = (prefix: string): string => {
  lastId += 1
  return `softphone-${prefix}-${lastId}`
}
