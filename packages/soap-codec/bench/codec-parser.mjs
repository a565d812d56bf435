// fast-xml-parser as the codec runs it, for plain-node benchmark scripts (they cannot import the TypeScript sources):
// the options of src/internal/XmlTree.ts, restated here once for `parser-options.mjs` and the server benchmark's
// `parse` step (packages/transport-node/bench/serve.mjs).
import { XMLParser } from "fast-xml-parser"

// The benchmarks' requests hold no `&`, so the codec's strict decoder (src/internal/XmlEntities.ts) does one
// `indexOf` per text.
const passThroughDecoder = {
  decode: (text) => (text.indexOf("&") === -1 ? text : text),
  reset: () => {},
  setXmlVersion: () => {},
  setExternalEntities: () => {},
  addInputEntities: () => {},
}

const reserved = new Set(["__proto__", "constructor", "prototype", "hasOwnProperty", "toString", "valueOf"])

/** The codec's options (src/internal/XmlTree.ts). */
export const codecParserOptions = {
  preserveOrder: true,
  // fast-xml-parser reads attributes and namespace declarations; the pre-check only counts and checks them.
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  removeNSPrefix: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  entityDecoder: passThroughDecoder,
  maxNestedTags: 64,
  jPath: false,
  transformTagName: (name) => (reserved.has(name) ? `#${name}` : name),
}

/** A parser with the codec's options, `overrides` applied. */
export const makeCodecParser = (overrides = {}) => new XMLParser({ ...codecParserOptions, ...overrides })
