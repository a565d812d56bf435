import type { Interaction, WrapUpInteraction } from "./Interaction.js"

/** An activity is identified, within a company, by its `InteractionId` and `AgentOfferTime`. */
export interface ActivityIdentity {
  readonly InteractionId: string
  readonly AgentOfferTime: number
}

/** A string key for an identity (for maps and indexes); the separator cannot occur in XML text. */
export const identityKey = (identity: ActivityIdentity): string =>
  `${identity.InteractionId}\u0000${identity.AgentOfferTime}`

export const identityOf = (interaction: Interaction | WrapUpInteraction): ActivityIdentity => ({
  InteractionId: interaction.InteractionId,
  AgentOfferTime: interaction.AgentOfferTime,
})
