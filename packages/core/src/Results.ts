import type { InsertResult, InsertStatus, WrapUpResult, WrapUpStatus } from "./Activity.js"
import type { Associations } from "./Association.js"
import type { ActivityIdentity } from "./Identity.js"
import { screenPopFor } from "./ScreenPop.js"

const echo = (identity: ActivityIdentity) => ({
  InteractionId: identity.InteractionId,
  AgentOfferTime: identity.AgentOfferTime,
})

const field = <K extends string>(key: K, value: string | undefined): { [P in K]?: string } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: string }

/** `OK`: the activity was created; its associations and the screen-pop suggestion are returned. */
export const createdResult = (
  identity: ActivityIdentity,
  activityId: string,
  associations: Associations,
): InsertResult => ({
  Status: "OK",
  ...echo(identity),
  ActivityId: activityId,
  ...field("AccountId", associations.Account?.id),
  ...field("AccountName", associations.Account?.label),
  ...field("ContactId", associations.Contact?.id),
  ...field("ContactFullName", associations.Contact?.label),
  ...field("LeadId", associations.Lead?.id),
  ...field("LeadFullName", associations.Lead?.label),
  ...field("CampaignId", associations.Campaign?.id),
  ...field("CampaignName", associations.Campaign?.label),
  ...field("ServiceRequestId", associations["Service Request"]?.id),
  ...field("ServiceRequestNumber", associations["Service Request"]?.label),
  ...screenPopFor(associations, activityId),
})

/** `Activity already exists`: the existing activity's id, and no association fields. */
export const existingResult = (identity: ActivityIdentity, activityId: string): InsertResult => ({
  Status: "Activity already exists",
  ...echo(identity),
  ActivityId: activityId,
})

/** A per-interaction store failure; the other interactions of the request still complete. */
export const failedResult = (
  identity: ActivityIdentity,
  status: Exclude<InsertStatus, "OK" | "Activity already exists">,
): InsertResult => ({ Status: status, ...echo(identity) })

export const wrapUpResult = (identity: ActivityIdentity, status: WrapUpStatus): WrapUpResult => ({
  Status: status,
  ...echo(identity),
})
