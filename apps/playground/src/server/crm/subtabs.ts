import { type CtiUser, mayAccessAll } from "@crmod-cti/core"
import { type CommunicationsSubtab, CommunicationsSubtabs, SubtabChannels } from "@crmod-cti/emulator"

export const isSubtab = (value: string): value is CommunicationsSubtab =>
  (CommunicationsSubtabs as ReadonlyArray<string>).includes(value)

/** The subtabs the tab shows the user: those whose Access privilege the user holds, in their order. */
export const visibleSubtabs = (user: CtiUser): ReadonlyArray<CommunicationsSubtab> =>
  CommunicationsSubtabs.filter((subtab) => mayAccessAll(user.privileges, [SubtabChannels[subtab]]))
