import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { type CtiFault, Faults } from "./Fault.js"
import { StringLimits } from "./FieldTypes.js"
import {
  Interaction,
  InteractionElements,
  RequiredElements,
  WrapUpInteraction,
  WrapUpInteractionElements,
} from "./Interaction.js"
import { trimXmlWhiteSpace } from "./XmlText.js"

/**
 * An interaction as it arrives: element name → text. An absent key is a missing element, `""` an empty one
 * (the contract gives them different faults).
 */
export type RawInteraction = Readonly<Record<string, string | undefined>>

/**
 * An interaction object as element texts, the form validated here: a client checks its input by the very rules the
 * server applies (booleans as `true`/`false`, numbers in decimal), and fails with the same fault before sending it.
 */
export const toRawInteraction = (interaction: object): Record<string, string> => {
  const raw: Record<string, string> = Object.create(null)
  for (const [name, value] of Object.entries(interaction)) {
    if (value === undefined) continue
    raw[name] = typeof value === "boolean" ? (value ? "true" : "false") : String(value)
  }
  return raw
}

/** Most interactions one request may carry. */
export const MaxInteractionsPerRequest = 5

// Optional text elements that are empty carry no value; an empty LOV, time or boolean is an invalid value.
const textElements: ReadonlySet<string> = new Set([...Object.keys(StringLimits), "Priority"])

const faultForField = (field: string, value: string): CtiFault =>
  field === "CreateServiceRequest" ? Faults.invalidBoolean(value) : Faults.invalidValue(value, field)

const makeValidator = <A, I>(
  schema: Schema.Schema<A, I>,
  elements: ReadonlyArray<string>,
): ((raw: RawInteraction) => Either.Either<A, CtiFault>) => {
  const known: ReadonlySet<string> = new Set(elements)
  const decode = Schema.decodeUnknownEither(schema, { errors: "first" })
  return (raw) => {
    const values: Record<string, string> = {}
    for (const name of Object.keys(raw)) {
      const text = raw[name]
      if (text === undefined) continue
      if (!known.has(name)) {
        return Either.left(Faults.unexpectedElement(name))
      }
      const value = trimXmlWhiteSpace(text)
      if (value === "" && textElements.has(name) && !(RequiredElements as ReadonlyArray<string>).includes(name))
        continue
      values[name] = value
    }
    for (const name of RequiredElements) {
      if (!Object.hasOwn(values, name)) return Either.left(Faults.missingElement(name))
    }
    for (const name of RequiredElements) {
      if (values[name] === "") return Either.left(Faults.requiredField(name))
    }
    return Either.mapLeft(decode(values), (error) => {
      const field = String(ParseResult.ArrayFormatter.formatErrorSync(error)[0]?.path[0] ?? "Interaction")
      return faultForField(field, values[field] ?? "")
    })
  }
}

const makeRequestValidator = <A>(
  validate: (raw: RawInteraction) => Either.Either<A, CtiFault>,
): ((list: ReadonlyArray<RawInteraction> | undefined) => Either.Either<ReadonlyArray<A>, CtiFault>) => {
  return (list) => {
    if (list === undefined) return Either.left(Faults.missingElement("ListOfInteraction"))
    if (list.length === 0) return Either.left(Faults.missingElement("Interaction"))
    if (list.length > MaxInteractionsPerRequest) return Either.left(Faults.tooManyInteractions())
    const interactions: Array<A> = []
    for (const raw of list) {
      const result = validate(raw)
      if (Either.isLeft(result)) return Either.left(result.left)
      interactions.push(result.right)
    }
    return Either.right(interactions)
  }
}

/** Validate one raw insert interaction: the first rule it breaks, as its contract fault. */
export const validateInteraction = makeValidator(Interaction, InteractionElements)

/** Validate one raw wrap-up interaction. */
export const validateWrapUpInteraction = makeValidator(WrapUpInteraction, WrapUpInteractionElements)

/**
 * Validate a whole `CTIActivityInsert` request (`undefined` when `ListOfInteraction` is absent): at most five
 * interactions, each valid. The first fault wins, so nothing is done for a request that has one.
 */
export const validateInsertRequest = makeRequestValidator(validateInteraction)

/** Validate a whole `CTIActivityWrapUp` request. */
export const validateWrapUpRequest = makeRequestValidator(validateWrapUpInteraction)
