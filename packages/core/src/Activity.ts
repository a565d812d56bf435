import * as Schema from "effect/Schema"
import { EpochSeconds, optional } from "./FieldTypes.js"
import { RecordType } from "./RecordType.js"

/** `Status` of an inserted interaction, always in English. */
export const InsertStatuses = ["OK", "Activity already exists", "Unable to create activity", "Error"] as const
export const InsertStatus = Schema.Literal(...InsertStatuses)
export type InsertStatus = typeof InsertStatus.Type

/** `Status` of a wrapped-up interaction, always in English (Oracle's spelling of "activites" kept). */
export const WrapUpStatuses = [
  "OK",
  "Activity has already been wrapped up",
  "Activity not found",
  "Multiple activites found",
  "Error",
] as const
export const WrapUpStatus = Schema.Literal(...WrapUpStatuses)
export type WrapUpStatus = typeof WrapUpStatus.Type

/**
 * One `Activity` of a `CTIActivityInsert` response: the chapter's 16 output parameters, in the order they are
 * written. Output strings are whatever the server stored, so they are not length-checked here.
 */
export const InsertResult = Schema.Struct({
  Status: InsertStatus,
  InteractionId: Schema.String,
  AgentOfferTime: EpochSeconds,
  ActivityId: optional(Schema.String),
  AccountId: optional(Schema.String),
  AccountName: optional(Schema.String),
  ContactId: optional(Schema.String),
  ContactFullName: optional(Schema.String),
  LeadId: optional(Schema.String),
  LeadFullName: optional(Schema.String),
  CampaignId: optional(Schema.String),
  CampaignName: optional(Schema.String),
  ServiceRequestId: optional(Schema.String),
  ServiceRequestNumber: optional(Schema.String),
  ScreenPopRecordId: optional(Schema.String),
  ScreenPopRecordType: optional(RecordType),
}).annotations({ identifier: "InsertResult" })
export type InsertResult = typeof InsertResult.Type

/** One `Activity` of a `CTIActivityWrapUp` response. */
export const WrapUpResult = Schema.Struct({
  Status: WrapUpStatus,
  InteractionId: Schema.String,
  AgentOfferTime: EpochSeconds,
}).annotations({ identifier: "WrapUpResult" })
export type WrapUpResult = typeof WrapUpResult.Type

export const InsertResultElements = Object.keys(InsertResult.fields) as ReadonlyArray<keyof InsertResult>
export const WrapUpResultElements = Object.keys(WrapUpResult.fields) as ReadonlyArray<keyof WrapUpResult>

/** `Activity already exists` is a success for a caller that retries: the activity is there, with its id. */
export const isLogged = (result: InsertResult): boolean =>
  result.Status === "OK" || result.Status === "Activity already exists"
