import { type CtiFault, Faults } from "@crmod-cti/core"

interface Identified {
  readonly InteractionId: string
  readonly AgentOfferTime: number
}

const quoted = (text: string) => JSON.stringify(text.length > 100 ? `${text.slice(0, 100)}…` : text)

/**
 * Why an answer is not the answer to `sent`, or `undefined` when it is: one activity per interaction, each echoing
 * its interaction's `InteractionId` and `AgentOfferTime`, in order (CONTRACT §10). A client must not hand one
 * caller's result to another.
 */
export const mismatchOf = (
  results: ReadonlyArray<Identified>,
  sent: ReadonlyArray<Identified>,
): CtiFault | undefined => {
  if (results.length !== sent.length) {
    return Faults.serverError(`The response has ${results.length} activities for ${sent.length} interactions`)
  }
  for (let i = 0; i < sent.length; i++) {
    const result = results[i]!
    const interaction = sent[i]!
    if (result.InteractionId !== interaction.InteractionId || result.AgentOfferTime !== interaction.AgentOfferTime) {
      return Faults.serverError(
        `The response's activity ${i + 1} is for ${quoted(result.InteractionId)} at ${result.AgentOfferTime}, ` +
          `not ${quoted(interaction.InteractionId)} at ${interaction.AgentOfferTime}`,
      )
    }
  }
  return undefined
}
