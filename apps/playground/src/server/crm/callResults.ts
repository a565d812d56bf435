/** The wrap-up page's Call Result list. */
export const CallResults = [
  "Resolved",
  "Callback Requested",
  "Escalated",
  "No Answer",
  "Left Message",
  "Wrong Number",
] as const

/** The longest wrap-up notes the page accepts. */
export const MaxNotesLength = 4000
