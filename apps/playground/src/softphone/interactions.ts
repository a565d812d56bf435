import type { ActivityIdentity, Interaction } from "@crmod-cti/core"
import type { ClickToDial } from "@crmod-cti/ui-controls"
import { ChannelSpecs, type SimulatedChannel } from "./channels.js"
import { formatDialled } from "./format.js"

/** What the agent typed into the simulator. */
export interface InboundInput {
  readonly channel: SimulatedChannel
  readonly from: string
  readonly to: string
  readonly queue: string
}

// An optional element the agent left empty is not sent (the service would only ignore it).
const text = <K extends "Origin" | "Destination" | "Queue">(name: K, value: string): { [P in K]?: string } => {
  const trimmed = value.trim()
  return (trimmed === "" ? {} : { [name]: trimmed }) as { [P in K]?: string }
}

/** An inbound interaction from the customer (`Origin`) to the contact centre (`Destination`), waiting in a queue. */
export const inboundInteraction = (identity: ActivityIdentity, input: InboundInput): Interaction => ({
  InteractionId: identity.InteractionId,
  AgentOfferTime: identity.AgentOfferTime,
  ChannelType: ChannelSpecs[input.channel].channelType,
  ...text("Origin", input.from),
  ...text("Destination", input.to),
  ...text("Queue", input.queue),
})

/**
 * The outbound call a Click-to-Dial link starts: from the agent's line to the link's number, associated with the
 * record the number belongs to. The number is the link's digits, country code included as the link gives it, in
 * international form (`+15552220000`) when the link names that code.
 */
export const outboundInteraction = (identity: ActivityIdentity, link: ClickToDial, agentLine: string): Interaction => ({
  InteractionId: identity.InteractionId,
  AgentOfferTime: identity.AgentOfferTime,
  ChannelType: "Outbound Call",
  Origin: agentLine,
  Destination: formatDialled(link.phoneNumber, link.countryCode),
  ...(link.recordType !== undefined && link.recordId !== undefined
    ? { AssociatedRecordType: link.recordType, AssociatedRecordId: link.recordId }
    : {}),
})
