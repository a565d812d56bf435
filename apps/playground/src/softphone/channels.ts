import type { ChannelType } from "@crmod-cti/core"

/** The inbound interactions the simulator offers, and what each one is made of. */
export const SimulatedChannels = ["Call", "Chat", "Email", "Voicemail"] as const
export type SimulatedChannel = (typeof SimulatedChannels)[number]

/** The number the demo contact centre answers on: the `to` of inbound calls, the caller id of outbound calls. */
export const ContactCentreLine = "+1 800 384 9503"

/** The address inbound emails and chats are sent to. */
export const SupportAddress = "support@okp.example"

/** The queue the simulated interactions wait in. */
export const DefaultQueue = "Support"

export interface ChannelSpec {
  readonly channelType: ChannelType
  /** Which kind of address the customer's end is: a phone number or an email address. */
  readonly address: "phone" | "email"
  /** What the contact centre's end is. */
  readonly to: string
}

export const ChannelSpecs: { readonly [C in SimulatedChannel]: ChannelSpec } = {
  Call: { channelType: "Inbound Call", address: "phone", to: ContactCentreLine },
  Chat: { channelType: "Inbound Chat", address: "email", to: SupportAddress },
  Email: { channelType: "Inbound Email", address: "email", to: SupportAddress },
  Voicemail: { channelType: "Inbound Voicemail", address: "phone", to: ContactCentreLine },
}

export const isSimulatedChannel = (value: string): value is SimulatedChannel =>
  (SimulatedChannels as ReadonlyArray<string>).includes(value)
