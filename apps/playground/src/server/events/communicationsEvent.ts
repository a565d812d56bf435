import { type EmulatorChange, subtabOf } from "@crmod-cti/emulator"

/** What the Communications page's script is told: which change, and the subtab it concerns. */
export interface CommunicationsEvent {
  readonly kind: EmulatorChange["_tag"]
  readonly subtab?: string
  readonly activityId?: string
}

/** The changes that concern an agent's Communications tab: their own interactions and their privileges. */
export const concerning = (change: EmulatorChange, signInId: string): CommunicationsEvent | undefined => {
  switch (change._tag) {
    case "ActivityCreated":
    case "ActivityWrappedUp":
      return change.activity.owner === signInId
        ? { kind: change._tag, subtab: subtabOf(change.activity), activityId: change.activity.id }
        : undefined
    case "PrivilegesChanged":
      return change.user.signInId === signInId ? { kind: change._tag } : undefined
  }
}
