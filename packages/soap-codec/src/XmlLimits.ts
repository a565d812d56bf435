/**
 * What the codec reads at most (CONTRACT.md §9), in requests and in answers alike. A document beyond any of these is
 * refused by the one linear pass that reads it, where it crosses the limit: a flood costs one look at each character
 * up to there, and nothing past it is built.
 */
export const XmlLimits = {
  /** Elements nested deeper than this (a CTI envelope needs eight levels: a Siebel fault's `errorcode`). */
  maxDepth: 64,
  /** Attributes on one element, namespace declarations included. */
  maxAttributesPerElement: 64,
  /** Namespace declarations (`xmlns`, `xmlns:p`) in the whole document. */
  maxNamespaceDeclarations: 64,
} as const
