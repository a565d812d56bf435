import type { InsertStatus } from "@crmod-cti/core"
import * as Data from "effect/Data"

/**
 * An insert result suggests no record to screen-pop: the activity was not created by this request (`NotCreated`:
 * `Activity already exists` and the failures carry no suggestion), or a server answered `OK` without
 * `ScreenPopRecordType`/`ScreenPopRecordId` (`NoSuggestion`).
 */
export class ScreenPopUnavailable extends Data.TaggedError("ScreenPopUnavailable")<{
  readonly reason: "NotCreated" | "NoSuggestion"
  readonly status: InsertStatus
  readonly interactionId: string
  readonly message: string
}> {}
