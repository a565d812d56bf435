import * as JSONSchema from "effect/JSONSchema"
import * as Schema from "effect/Schema"
import { escapeXml } from "./XmlEscape.js"

type Json = { readonly [key: string]: unknown }

/** An element of the data schema: its name, whether it must occur, and its XSD type. */
export interface XsdField {
  readonly name: string
  readonly required: boolean
  /** The JSON Schema of the field's Type side (references resolved), from which its XSD type is written. */
  readonly schema: Json
}

const definitionPrefix = "#/$defs/"

const resolve = (schema: Json, definitions: Json): Json => {
  const ref = schema.$ref
  if (typeof ref !== "string") return schema
  const { $ref: _, ...annotations } = schema
  return resolve({ ...(definitions[ref.slice(definitionPrefix.length)] as Json), ...annotations }, definitions)
}

/**
 * The fields of a struct schema of the core, in its order, read from the JSON Schema of its Type side: what a
 * value is (an enumeration, an integer, a boolean, text of a limited length) is said once, in the core.
 */
export const xsdFieldsOf = <A, I>(schema: Schema.Schema<A, I>): ReadonlyArray<XsdField> => {
  const root: Json = { ...JSONSchema.make(Schema.typeSchema(schema)) }
  const definitions = (root.$defs ?? {}) as Json
  const object = resolve(root, definitions)
  const required = new Set(object.required as ReadonlyArray<string>)
  return Object.entries(object.properties as Record<string, Json>).map(([name, field]) => ({
    name,
    required: required.has(name),
    schema: resolve(field, definitions),
  }))
}

const sameValues = (a: ReadonlyArray<unknown>, b: ReadonlyArray<unknown>) =>
  a.length === b.length && a.every((value, i) => value === b[i])

/**
 * One element list for two operations that share it (`Interaction` of both requests, `Activity` of both
 * responses): an element is required only where both require it, and an enumeration holds the values of both.
 */
export const mergeXsdFields = (
  first: ReadonlyArray<XsdField>,
  second: ReadonlyArray<XsdField>,
): ReadonlyArray<XsdField> => {
  const merged = first.map((field) => {
    const other = second.find((candidate) => candidate.name === field.name)
    if (other === undefined) return { ...field, required: false }
    const values = field.schema.enum as ReadonlyArray<unknown> | undefined
    const otherValues = other.schema.enum as ReadonlyArray<unknown> | undefined
    const schema =
      values !== undefined && otherValues !== undefined && !sameValues(values, otherValues)
        ? { ...field.schema, enum: [...new Set([...values, ...otherValues])] }
        : field.schema
    return { name: field.name, required: field.required && other.required, schema }
  })
  const extra = second.filter((field) => !first.some((candidate) => candidate.name === field.name))
  return [...merged, ...extra.map((field) => ({ ...field, required: false }))]
}

const facet = (name: string, value: unknown) => `<xsd:${name} value="${escapeXml(String(value))}"/>`

const restriction = (base: string, facets: ReadonlyArray<string>) =>
  `<xsd:simpleType><xsd:restriction base="${base}">${facets.join("")}</xsd:restriction></xsd:simpleType>`

/** The XSD simple type of a field: enumerations, `xsd:long` with its bounds, `xsd:boolean`, `xsd:string` with its length limit. */
const simpleType = (field: XsdField): { readonly type: string } | { readonly content: string } => {
  const { schema } = field
  if (Array.isArray(schema.enum)) {
    return {
      content: restriction(
        "xsd:string",
        schema.enum.map((value) => facet("enumeration", value)),
      ),
    }
  }
  switch (schema.type) {
    case "integer": {
      const bounds = [
        ...(schema.minimum === undefined ? [] : [facet("minInclusive", schema.minimum)]),
        ...(schema.maximum === undefined ? [] : [facet("maxInclusive", schema.maximum)]),
      ]
      return bounds.length === 0 ? { type: "xsd:long" } : { content: restriction("xsd:long", bounds) }
    }
    case "boolean":
      return { type: "xsd:boolean" }
    case "string":
      return schema.maxLength === undefined
        ? { type: "xsd:string" }
        : { content: restriction("xsd:string", [facet("maxLength", schema.maxLength)]) }
  }
  throw new TypeError(`No XSD type for the field ${field.name}: ${JSON.stringify(schema)}`)
}

/** `<xsd:element>` for a field; its occurrence is `minOccurs` 1 or 0 and at most once. */
export const xsdElement = (field: XsdField): string => {
  const type = simpleType(field)
  const start = `<xsd:element name="${field.name}" minOccurs="${field.required ? 1 : 0}" maxOccurs="1"`
  return "type" in type ? `${start} type="${type.type}"/>` : `${start}>${type.content}</xsd:element>`
}
