import type { ActivityIdentity } from "@crmod-cti/core"

/**
 * Identities for new interactions: `InteractionId` is `PG`, the time in base 36 and a counter (well under the
 * 30 characters allowed, and unique across reloads of the page because the time moves on); `AgentOfferTime` is the
 * same moment in epoch seconds, as the chapter asks.
 */
export const makeIdentitySource = (now: () => number = Date.now): (() => ActivityIdentity) => {
  let counter = 0
  return () => {
    counter += 1
    const time = now()
    return {
      InteractionId: `PG${time.toString(36).toUpperCase()}${counter.toString(36).toUpperCase()}`,
      AgentOfferTime: Math.floor(time / 1000),
    }
  }
}
