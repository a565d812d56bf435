import { type AssociationType, type CtiUser, ScreenPopPriority } from "@crmod-cti/core"
import {
  type Activity,
  AssociationFields,
  type CrmRecord,
  type EmulatorShape,
  type RecordWithActivities,
} from "@crmod-cti/emulator"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"

/** A record of the user's company with its activities; records of other companies are not found. */
export const companyRecord = async (
  emulator: EmulatorShape,
  user: CtiUser,
  type: AssociationType,
  id: string,
): Promise<RecordWithActivities | undefined> => {
  const found = await Effect.runPromise(emulator.record(type, id))
  return Option.isSome(found) && found.value.record.company === user.company ? found.value : undefined
}

export const companyActivity = async (
  emulator: EmulatorShape,
  user: CtiUser,
  id: string,
): Promise<Activity | undefined> => {
  const found = await Effect.runPromise(emulator.activity(id))
  return Option.isSome(found) && found.value.company === user.company ? found.value : undefined
}

const recordsOf = async (
  emulator: EmulatorShape,
  user: CtiUser,
  links: ReadonlyArray<readonly [AssociationType, string | undefined]>,
): Promise<ReadonlyArray<CrmRecord>> => {
  const found = await Promise.all(
    links.map(([type, id]) => (id === undefined ? undefined : companyRecord(emulator, user, type, id))),
  )
  return found.flatMap((entry) => (entry === undefined ? [] : [entry.record]))
}

/** The records an activity is associated with, in the order of `AssociationFields`. */
export const activityRecords = (emulator: EmulatorShape, user: CtiUser, activity: Activity) =>
  recordsOf(
    emulator,
    user,
    (Object.entries(AssociationFields) as ReadonlyArray<[AssociationType, keyof Activity]>).map(
      ([type, field]) => [type, activity[field] as string | undefined] as const,
    ),
  )

/** The records a record points to: a contact's account, a service request's contact and account, and so on. */
export const linkedRecords = (emulator: EmulatorShape, user: CtiUser, record: CrmRecord) => {
  switch (record.recordType) {
    case "Contact":
    case "Opportunity":
      return recordsOf(emulator, user, [["Account", record.accountId]])
    case "Service Request":
      return recordsOf(emulator, user, [
        ["Contact", record.contactId],
        ["Account", record.accountId],
      ])
    case "Account":
    case "Lead":
    case "Campaign":
      return Promise.resolve([])
  }
}

/** What an activity is about, for lists: its record of the chapter's screen-pop priority, if any. */
export const regardingRecord = async (
  emulator: EmulatorShape,
  user: CtiUser,
  activity: Activity,
): Promise<CrmRecord | undefined> => {
  const type = ScreenPopPriority.find((candidate) => activity[AssociationFields[candidate]] !== undefined)
  if (type === undefined) return undefined
  return (await companyRecord(emulator, user, type, activity[AssociationFields[type]] as string))?.record
}
