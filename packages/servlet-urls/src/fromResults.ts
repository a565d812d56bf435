import type { ActivityIdentity, ChannelType, InsertResult } from "@crmod-cti/core"
import * as Either from "effect/Either"
import { encodeCtiCommand } from "./buildCtiCommand.js"
import type { CtiCommand, ScreenPopCommand } from "./CtiCommand.js"
import { commandUrl } from "./internal/commandUrl.js"
import { ScreenPopUnavailable } from "./ScreenPopUnavailable.js"
import type { ServletParameterError } from "./ServletParameterError.js"

/**
 * The screen pop CRM On Demand suggests for an inserted interaction: its `ScreenPopRecordType` and
 * `ScreenPopRecordId`, with the interaction's channel type when the record is the activity itself (the chapter:
 * "the same value sent in the CTIActivityInsert request").
 */
export const screenPopCommandFor = (
  result: InsertResult,
  channelType: ChannelType,
): Either.Either<ScreenPopCommand, ScreenPopUnavailable> => {
  const { ScreenPopRecordType: recordType, ScreenPopRecordId: recordId, Status: status } = result
  if (status !== "OK") {
    return Either.left(
      new ScreenPopUnavailable({
        reason: "NotCreated",
        status,
        interactionId: result.InteractionId,
        message: `No screen pop for interaction "${result.InteractionId}": its status is "${status}", and only a created activity (OK) comes with a screen-pop record`,
      }),
    )
  }
  if (recordType === undefined || recordId === undefined) {
    return Either.left(
      new ScreenPopUnavailable({
        reason: "NoSuggestion",
        status,
        interactionId: result.InteractionId,
        message: `No screen pop for interaction "${result.InteractionId}": the result has no ScreenPopRecordType and ScreenPopRecordId`,
      }),
    )
  }
  return Either.right({
    command: "ScreenPop",
    recordType,
    recordId,
    ...(recordType === "Activity" ? { channelType } : {}),
  })
}

/** The GET URL that screen-pops the record suggested for an inserted interaction (see `screenPopCommandFor`). */
export const screenPopUrlFor = (
  baseUrl: string,
  result: InsertResult,
  channelType: ChannelType,
): Either.Either<string, ScreenPopUnavailable | ServletParameterError> =>
  Either.flatMap(screenPopCommandFor(result, channelType), (command) => urlOf(baseUrl, command))

/**
 * The GET URL of the wrap-up page of an activity, from anything that carries its identity: the interaction sent,
 * its insert result, or a wrap-up result.
 */
export const wrapUpUrlFor = (
  baseUrl: string,
  { InteractionId, AgentOfferTime }: ActivityIdentity,
): Either.Either<string, ServletParameterError> =>
  urlOf(baseUrl, { command: "WrapUp", interactionId: InteractionId, agentOfferTime: AgentOfferTime })

const urlOf = (baseUrl: string, command: CtiCommand) =>
  Either.map(encodeCtiCommand(command), (parameters) => commandUrl(baseUrl, parameters))
