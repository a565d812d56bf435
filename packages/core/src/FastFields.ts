import { ChannelTypes } from "./ChannelType.js"
import { epochText, xmlIllegal } from "./FieldRules.js"
import { characterLength, StringLimits } from "./FieldTypes.js"
import { AssociatedRecordTypes } from "./RecordType.js"

/**
 * The validator's fast path: what the interaction schemas decode, for the values a softphone actually sends, without
 * running Effect Schema (a fifth of a request's cost on the server). A value it is not sure of makes it give up
 * (`undefined`), and the schema decides — so the schema stays the authority on what is valid and on every fault,
 * and this path only ever returns what the schema would. The values arrive trimmed, so the schemas' white-space
 * rule always holds here.
 */
type FastField = (value: string) => unknown

const Unsure = undefined

const text = (value: string): string | undefined => (value !== "" && !xmlIllegal.test(value) ? value : Unsure)

const string =
  (maxLength: number): FastField =>
  (value) =>
    text(value) !== Unsure && (value.length <= maxLength || characterLength(value) <= maxLength) ? value : Unsure

const epochSeconds: FastField = (value) => {
  if (!epochText.test(value)) return Unsure
  const seconds = Number(value)
  return seconds <= Number.MAX_SAFE_INTEGER ? seconds : Unsure
}

const literal = (values: ReadonlyArray<string>): FastField => {
  const known: ReadonlySet<string> = new Set(values)
  return (value) => (known.has(value) ? value : Unsure)
}

const boolean: FastField = (value) =>
  value === "true" || value === "1" ? true : value === "false" || value === "0" ? false : Unsure

/** One decoder per element of `Interaction` and `WrapUpInteraction`, by element name. */
const fastFields: Readonly<Record<string, FastField>> = {
  InteractionId: string(StringLimits.InteractionId),
  AgentOfferTime: epochSeconds,
  ChannelType: literal(ChannelTypes),
  AssociatedRecordId: string(StringLimits.AssociatedRecordId),
  AssociatedRecordType: literal(AssociatedRecordTypes),
  CampaignSourceCode: string(StringLimits.CampaignSourceCode),
  ContactPhoneNumber: string(StringLimits.ContactPhoneNumber),
  CreateServiceRequest: boolean,
  Destination: string(StringLimits.Destination),
  IVRBeginTime: epochSeconds,
  Origin: string(StringLimits.Origin),
  Priority: text,
  Queue: string(StringLimits.Queue),
  QueueBeginTime: epochSeconds,
  ServiceRequestNumber: string(StringLimits.ServiceRequestNumber),
}

/**
 * Decode `values` (element name → trimmed text, every required element present) into the fields of `elements`,
 * in their order as the schema writes them, or `undefined` when the schema has to decide.
 */
export const fastDecode = (
  elements: ReadonlyArray<string>,
  values: Readonly<Record<string, string>>,
): Record<string, unknown> | undefined => {
  const decoded: Record<string, unknown> = {}
  for (const name of elements) {
    const value = values[name]
    if (value === undefined) continue
    const field = fastFields[name]
    const result = field === undefined ? Unsure : field(value)
    if (result === Unsure) return undefined
    decoded[name] = result
  }
  return decoded
}
