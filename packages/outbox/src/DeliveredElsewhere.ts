import type { ActivityIdentity } from "@crmod-cti/core"

/**
 * What a receipt resolves to when another outbox on the same store delivered its entry (another process on a
 * PostgreSQL store, another tab in a browser) and this one could not learn the service's answer: the entry left the
 * store as delivered (delivered entries are removed), so it is logged, but its activity's fields are not known here.
 */
export interface DeliveredElsewhere extends ActivityIdentity {
  readonly Status: "Delivered elsewhere"
}

export const deliveredElsewhere = (identity: ActivityIdentity): DeliveredElsewhere => ({
  Status: "Delivered elsewhere",
  InteractionId: identity.InteractionId,
  AgentOfferTime: identity.AgentOfferTime,
})

export const isDeliveredElsewhere = (result: { readonly Status: string }): result is DeliveredElsewhere =>
  result.Status === "Delivered elsewhere"
