import { escapeXml } from "./XmlEscape.js"

/** What a field of an interaction or a result holds on the Type side of the core's schemas. */
type FieldValue = string | number | boolean

// The lexical forms of the core's encoded side: epoch seconds in decimal digits, booleans as `true`/`false`.
const textOf = (value: FieldValue): string =>
  typeof value === "string" ? value : typeof value === "number" ? String(value) : value ? "true" : "false"

/** The present fields of a record as `<prefix:Name>text</prefix:Name>`, in the order of `elements`. */
export const writeFields = <R extends object>(
  record: R,
  elements: ReadonlyArray<keyof R & string>,
  prefix: string,
): string => {
  let xml = ""
  for (const name of elements) {
    const value = record[name] as FieldValue | undefined
    if (value !== undefined) xml += `<${prefix}:${name}>${escapeXml(textOf(value))}</${prefix}:${name}>`
  }
  return xml
}
