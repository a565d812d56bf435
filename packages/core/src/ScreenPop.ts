import type { AssociationType, Associations } from "./Association.js"
import type { RecordType } from "./RecordType.js"

/** The chapter's screen-pop priority; the activity itself comes last, and Opportunity never. */
export const ScreenPopPriority = [
  "Service Request",
  "Campaign",
  "Contact",
  "Lead",
  "Account",
] as const satisfies ReadonlyArray<AssociationType & RecordType>

export interface ScreenPopSuggestion {
  readonly ScreenPopRecordType: RecordType
  readonly ScreenPopRecordId: string
}

/** The suggested screen-pop record: the first associated type in priority order, else the activity. */
export const screenPopFor = (associations: Associations, activityId: string): ScreenPopSuggestion => {
  for (const type of ScreenPopPriority) {
    const record = associations[type]
    if (record !== undefined) return { ScreenPopRecordType: type, ScreenPopRecordId: record.id }
  }
  return { ScreenPopRecordType: "Activity", ScreenPopRecordId: activityId }
}
