/**
 * Why a document was refused before its content was looked at: not text, a DTD, an entity declaration or a processing
 * instruction, beyond one of the `XmlLimits` (or, for an answer, more results than a request can have), or not
 * well-formed. Details never quote text content (a password could be in it), only markup.
 */
export type XmlProblem =
  | { readonly _tag: "Empty" }
  | { readonly _tag: "NotUtf8" }
  | { readonly _tag: "Doctype" }
  | { readonly _tag: "EntityDeclaration" }
  | { readonly _tag: "ProcessingInstruction" }
  | { readonly _tag: "TooDeep"; readonly maxDepth: number }
  | { readonly _tag: "TooManyAttributes"; readonly max: number }
  | { readonly _tag: "TooManyNamespaceDeclarations"; readonly max: number }
  | { readonly _tag: "TooManyElements"; readonly localName: string; readonly max: number }
  | { readonly _tag: "NotWellFormed"; readonly detail: string }

/** The problem as the end of a sentence that starts with "The request" or "The response". */
export const describeProblem = (problem: XmlProblem): string => {
  switch (problem._tag) {
    case "Empty":
      return "is empty"
    case "NotUtf8":
      return "is not UTF-8 text"
    case "Doctype":
      return "contains a DOCTYPE declaration: DTDs and entity declarations are not allowed"
    case "EntityDeclaration":
      return "contains an entity declaration: DTDs and entity declarations are not allowed"
    case "ProcessingInstruction":
      return "contains a processing instruction, which is not allowed"
    case "TooDeep":
      return `nests elements more than ${problem.maxDepth} deep`
    case "TooManyAttributes":
      return `has an element with more than ${problem.max} attributes, the limit`
    case "TooManyNamespaceDeclarations":
      return `declares more than ${problem.max} namespaces, the limit`
    case "TooManyElements":
      return `has more than ${problem.max} ${problem.localName} elements, the limit`
    case "NotWellFormed":
      return `is not well-formed XML: ${problem.detail}`
  }
}
