import * as Schema from "effect/Schema"

/** The chapter's `Record Type LOV`: the record types CTI supports, and what `ScreenPopRecordType` returns. */
export const RecordTypes = ["Account", "Activity", "Campaign", "Contact", "Lead", "Service Request"] as const
export const RecordType = Schema.Literal(...RecordTypes)
export type RecordType = typeof RecordType.Type

/** `AssociatedRecordType` (and the servlet's `Record Type`) also accept Opportunity. */
export const AssociatedRecordTypes = [...RecordTypes, "Opportunity"] as const
export const AssociatedRecordType = Schema.Literal(...AssociatedRecordTypes)
export type AssociatedRecordType = typeof AssociatedRecordType.Type

export const isRecordType = Schema.is(RecordType)
export const isAssociatedRecordType = Schema.is(AssociatedRecordType)
