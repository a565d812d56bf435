import { type CtiUser, mayAccessAll, requiredPrivilege } from "@crmod-cti/core"
import { type Activity, type CommunicationsSubtab, SubtabChannels } from "@crmod-cti/emulator"

/** The Communications tab's subtabs, in the order they are shown. */
export const Subtabs: ReadonlyArray<CommunicationsSubtab> = ["Call", "Chat", "Email", "Voicemail"]

export const isSubtab = (value: string): value is CommunicationsSubtab =>
  (Subtabs as ReadonlyArray<string>).includes(value)

/** Whether the user holds the subtab's Access privilege. */
export const maySeeSubtab = (user: CtiUser, subtab: CommunicationsSubtab): boolean =>
  mayAccessAll(user.privileges, [SubtabChannels[subtab]])

export const visibleSubtabs = (user: CtiUser): ReadonlyArray<CommunicationsSubtab> =>
  Subtabs.filter((subtab) => maySeeSubtab(user, subtab))

/** The subtab an activity is listed on: the one whose privilege its channel needs (Callback is on Call). */
export const subtabOf = (activity: Activity): CommunicationsSubtab =>
  Subtabs.find((subtab) => requiredPrivilege(SubtabChannels[subtab]) === requiredPrivilege(activity.subtype)) ?? "Call"
