import type { InsertResult } from "@crmod-cti/core"

export interface SummaryRow {
  readonly label: string
  readonly value: string
}

// The records an activity can be associated with, in the chapter's output order, by name and id.
const associations: ReadonlyArray<readonly [label: string, name: keyof InsertResult, id: keyof InsertResult]> = [
  ["Contact", "ContactFullName", "ContactId"],
  ["Account", "AccountName", "AccountId"],
  ["Lead", "LeadFullName", "LeadId"],
  ["Service request", "ServiceRequestNumber", "ServiceRequestId"],
  ["Campaign", "CampaignName", "CampaignId"],
]

/** The records `CTIActivityInsert` associated the activity with, as "Fred Hong (1QA2-RXQQC)". */
export const associatedRecords = (result: InsertResult): ReadonlyArray<SummaryRow> =>
  associations.flatMap(([label, nameField, idField]) => {
    const name = result[nameField]
    const id = result[idField]
    if (name === undefined && id === undefined) return []
    return [{ label, value: id === undefined ? String(name) : `${name ?? "(no name)"} (${id})` }]
  })

/** The whole result as rows for the result card: status, activity, associated records and the screen-pop suggestion. */
export const summarizeInsertResult = (result: InsertResult): ReadonlyArray<SummaryRow> => [
  { label: "Status", value: result.Status },
  { label: "Interaction", value: result.InteractionId },
  ...(result.ActivityId === undefined ? [] : [{ label: "Activity", value: result.ActivityId }]),
  ...associatedRecords(result),
  ...(result.ScreenPopRecordType === undefined || result.ScreenPopRecordId === undefined
    ? []
    : [{ label: "Screen pop", value: `${result.ScreenPopRecordType} ${result.ScreenPopRecordId}` }]),
]

/** Who the interaction is with, by the best name the result gives, for the active and history lists. */
export const customerName = (result: InsertResult): string | undefined =>
  result.ContactFullName ?? result.LeadFullName ?? result.AccountName ?? result.CampaignName
