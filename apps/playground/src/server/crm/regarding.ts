import { ScreenPopPriority } from "@crmod-cti/core"
import type { CrmRecord } from "@crmod-cti/emulator"

/**
 * What an activity is about, for lists: of the records it is associated with (as the emulator reads them for the
 * user), the first of the chapter's screen-pop priority.
 */
export const regardingRecord = (linked: ReadonlyArray<CrmRecord>): CrmRecord | undefined => {
  const type = ScreenPopPriority.find((candidate) => linked.some((record) => record.recordType === candidate))
  return linked.find((record) => record.recordType === type)
}
