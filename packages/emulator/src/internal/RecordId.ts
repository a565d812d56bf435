import * as Schema from "effect/Schema"

/** Record ids in the chapter's style: `1QA2-` followed by upper-case base-36 characters (e.g. `1QA2-RXQQC`). */
export const RecordIdPrefix = "1QA2-"

export const RecordId = Schema.String.pipe(
  Schema.pattern(/^1QA2-[0-9A-Z]+$/, { message: () => "a record id like 1QA2-RXQQC" }),
  Schema.annotations({ identifier: "RecordId" }),
)
export type RecordId = typeof RecordId.Type

/** The record id for a non-negative integer, e.g. `formatRecordId(46394169)` = `1QA2-RLZHL`. */
export const formatRecordId = (n: number): string => {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`a record id needs a non-negative integer, got ${n}`)
  return RecordIdPrefix + n.toString(36).toUpperCase()
}
