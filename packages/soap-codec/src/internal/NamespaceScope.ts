/** The namespaces in scope at an element: its prefixes (`""` for the default namespace) to their URIs. */
export type NamespaceScope = ReadonlyMap<string, string>

/** The scope of the root element: no default namespace, and `xml`, which is bound without being declared. */
export const documentScope: NamespaceScope = new Map([
  ["", ""],
  ["xml", "http://www.w3.org/XML/1998/namespace"],
])

/** The prefix an attribute declares: `xmlns` the default namespace (`""`), `xmlns:p` the prefix p; else none. */
export const declaredPrefix = (attributeName: string): string | undefined =>
  attributeName === "xmlns" ? "" : attributeName.startsWith("xmlns:") ? attributeName.slice(6) : undefined

/**
 * The scope inside an element that declares `declarations` (prefix, URI, prefix, URI, … in the order written): its
 * parent's, with those added. A copy per declaring element, of at most `XmlLimits.maxNamespaceDeclarations` entries
 * (the limit is on the whole document), so scopes stay small; an element that declares nothing shares its parent's.
 */
export const withDeclarations = (parent: NamespaceScope, declarations: ReadonlyArray<string>): NamespaceScope => {
  if (declarations.length === 0) return parent
  const scope = new Map(parent)
  for (let i = 0; i < declarations.length; i += 2) scope.set(declarations[i] as string, declarations[i + 1] as string)
  return scope
}
