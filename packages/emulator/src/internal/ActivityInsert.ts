import {
  type Associations,
  AssociationTypes,
  acceptedPriority,
  activityTypeOf,
  associationLookups,
  type CtiUser,
  createdResult,
  existingResult,
  failedResult,
  type InsertResult,
  type Interaction,
  identityOf,
  resolveAssociations,
  shouldCreateServiceRequest,
} from "@crmod-cti/core"
import * as Either from "effect/Either"
import * as Struct from "effect/Struct"
import type { makeCandidateFinder } from "./Candidates.js"
import type { EmulatorChange } from "./Changes.js"
import type { EmulatorStoreShape } from "./EmulatorStore.js"
import { type Activity, type AssociationField, AssociationFields, type ServiceRequest } from "./Records.js"

export interface InsertContext {
  readonly store: EmulatorStoreShape
  readonly candidates: ReturnType<typeof makeCandidateFinder>
  readonly priorities: ReadonlyArray<string>
  /** A record id that no record or activity has yet. */
  readonly freshId: () => string
  /** A service request number that the company has not used yet. */
  readonly newServiceRequestNumber: (company: string) => string
}

export interface InsertOutcome {
  readonly result: InsertResult
  readonly change?: EmulatorChange
}

const associationFieldsOf = (associations: Associations): { [F in AssociationField]?: string } => {
  const fields: { [F in AssociationField]?: string } = {}
  for (const type of AssociationTypes) {
    const record = associations[type]
    if (record !== undefined) fields[AssociationFields[type]] = record.id
  }
  return fields
}

/**
 * Inserts one interaction for `user` at `now` (epoch ms). Synchronous from the identity check to the write, so no
 * other request can insert the identity in between, and each interaction sees the ones before it in the request.
 */
export const insertInteraction = (
  context: InsertContext,
  user: CtiUser,
  now: number,
  interaction: Interaction,
): InsertOutcome => {
  const { store, candidates } = context
  const identity = identityOf(interaction)
  const [existing] = store.activitiesByIdentity(user.company, identity)
  if (existing !== undefined) return { result: existingResult(identity, existing.id) }

  let associations = resolveAssociations(
    associationLookups(interaction).map((lookup) => candidates.find(user.company, lookup)),
  )
  const activityId = context.freshId()
  let serviceRequest: ServiceRequest | undefined
  if (shouldCreateServiceRequest(interaction, associations)) {
    serviceRequest = {
      recordType: "Service Request",
      id: context.freshId(),
      company: user.company,
      number: context.newServiceRequestNumber(user.company),
      subject: `${interaction.ChannelType} ${interaction.InteractionId}`,
      ...(associations.Contact === undefined ? {} : { contactId: associations.Contact.id }),
      ...(associations.Account === undefined ? {} : { accountId: associations.Account.id }),
    }
    associations = { ...associations, "Service Request": candidates.candidateOf(serviceRequest) }
  }

  const priority = acceptedPriority(context.priorities, interaction.Priority)
  const activity: Activity = {
    id: activityId,
    company: user.company,
    owner: user.signInId,
    type: activityTypeOf(interaction.ChannelType),
    subtype: interaction.ChannelType,
    interaction: priority === interaction.Priority ? interaction : Struct.omit(interaction, "Priority"),
    ...associationFieldsOf(associations),
    createdAt: now,
  }
  const written = store.addActivity(activity, serviceRequest)
  if (Either.isLeft(written)) {
    return {
      result: failedResult(identity, written.left.reason === "Unavailable" ? "Error" : "Unable to create activity"),
    }
  }
  return {
    result: createdResult(identity, activityId, associations),
    change: { _tag: "ActivityCreated", activity, ...(serviceRequest === undefined ? {} : { serviceRequest }) },
  }
}
