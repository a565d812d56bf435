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
import * as Effect from "effect/Effect"
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
  readonly freshId: Effect.Effect<string>
  /** A service request number that the company has not used yet. */
  readonly newServiceRequestNumber: (company: string) => Effect.Effect<string>
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
 * Inserts one interaction for `user` at `now` (epoch ms). Callers hold the company's lock, so the identity check
 * and the write are atomic, and each interaction sees the ones before it in the same request.
 */
export const insertInteraction =
  (context: InsertContext, user: CtiUser, now: number) =>
  (interaction: Interaction): Effect.Effect<InsertOutcome> =>
    Effect.gen(function* () {
      const { store, candidates } = context
      const identity = identityOf(interaction)
      const existing = yield* store.activitiesByIdentity(user.company, identity)
      if (existing[0] !== undefined) return { result: existingResult(identity, existing[0].id) }

      const found = yield* Effect.forEach(associationLookups(interaction), (lookup) =>
        candidates.find(user.company, lookup),
      )
      let associations = resolveAssociations(found)
      const activityId = yield* context.freshId
      let serviceRequest: ServiceRequest | undefined
      if (shouldCreateServiceRequest(interaction, associations)) {
        const request: ServiceRequest = {
          recordType: "Service Request",
          id: yield* context.freshId,
          company: user.company,
          number: yield* context.newServiceRequestNumber(user.company),
          subject: `${interaction.ChannelType} ${interaction.InteractionId}`,
          ...(associations.Contact === undefined ? {} : { contactId: associations.Contact.id }),
          ...(associations.Account === undefined ? {} : { accountId: associations.Account.id }),
        }
        serviceRequest = request
        associations = { ...associations, "Service Request": yield* candidates.candidateOf(request) }
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
      return yield* store.addActivity(activity, serviceRequest).pipe(
        Effect.as<InsertOutcome>({
          result: createdResult(identity, activityId, associations),
          change: { _tag: "ActivityCreated", activity, ...(serviceRequest === undefined ? {} : { serviceRequest }) },
        }),
        Effect.catchTag("StoreError", (error) =>
          Effect.succeed({
            result: failedResult(identity, error.reason === "Unavailable" ? "Error" : "Unable to create activity"),
          }),
        ),
      )
    })
