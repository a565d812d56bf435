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

/**
 * The suggested screen-pop record: the first associated type in priority order, else the activity. Id before type,
 * as the chapter's sample response writes them.
 */
export const screenPopFor = (associations: Associations, activityId: string): ScreenPopSuggestion => {
  for (const type of ScreenPopPriority) {
    const record = associations[type]
    if (record !== undefined) return { ScreenPopRecordId: record.id, ScreenPopRecordType: type }
  }
  return { ScreenPopRecordId: activityId, ScreenPopRecordType: "Activity" }
}
