import { type EmulatorChange, subtabOf } from "@crmod-cti/emulator"

/** What the Communications page's script is told: which change, and the subtab it concerns. */
export interface CommunicationsEvent {
  readonly kind: EmulatorChange["_tag"]
  readonly subtab?: string
  readonly activityId?: string
}

/** What the page is told of a change of the agent's subscription (their own interactions and privileges). */
export const eventOf = (change: EmulatorChange): CommunicationsEvent =>
  change._tag === "PrivilegesChanged"
    ? { kind: change._tag }
    : { kind: change._tag, subtab: subtabOf(change.activity), activityId: change.activity.id }
