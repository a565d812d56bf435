import type { CtiControlHandlers } from "@crmod-cti/ui-controls"

type OtherButton =
  | "openVmail"
  | "vmailOnPhone"
  | "reassignEmail"
  | "reassignVmail"
  | "openEmail"
  | "openChat"
  | "openHistory"

const messages: { readonly [A in OtherButton]: (interactionId: string) => string } = {
  openVmail: (id) => `Opening voicemail for interaction ${id}`,
  vmailOnPhone: (id) => `Playing voicemail of interaction ${id} on the agent's phone`,
  reassignEmail: (id) => `Reassigning email of interaction ${id}`,
  reassignVmail: (id) => `Reassigning voicemail of interaction ${id}`,
  openEmail: (id) => `Opening email of interaction ${id}`,
  openChat: (id) => `Opening chat transcript of interaction ${id}`,
  openHistory: (id) => `Opening the history of interaction ${id}`,
}

/**
 * Handlers of the CRM's CTI buttons other than the wrap-up Save. A simulator has no media to play or route, so
 * each one says what a real CTI application would do.
 */
export const otherButtonHandlers = (say: (message: string) => void): Pick<CtiControlHandlers, OtherButton> => ({
  openVmail: ({ interactionId }) => say(messages.openVmail(interactionId)),
  vmailOnPhone: ({ interactionId }) => say(messages.vmailOnPhone(interactionId)),
  reassignEmail: ({ interactionId }) => say(messages.reassignEmail(interactionId)),
  reassignVmail: ({ interactionId }) => say(messages.reassignVmail(interactionId)),
  openEmail: ({ interactionId }) => say(messages.openEmail(interactionId)),
  openChat: ({ interactionId }) => say(messages.openChat(interactionId)),
  openHistory: ({ interactionId }) => say(messages.openHistory(interactionId)),
})
