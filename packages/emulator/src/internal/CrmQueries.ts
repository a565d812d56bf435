import {
  type ActivityIdentity,
  type AssociationType,
  type CtiUser,
  mayAccessAll,
  requiredPrivilege,
} from "@crmod-cti/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { CrmQueryError, forbidden, notFound } from "./CrmQueryError.js"
import type { EmulatorStoreShape, StoredUser } from "./EmulatorStore.js"
import { isPosition, type Page, type PageRequest, PageSize, pageOf } from "./Paging.js"
import type { Activity, CrmRecord, CrmRecordType } from "./Records.js"
import { referencesOfActivity, referencesOfRecord } from "./References.js"
import { type CommunicationsSubtab, CommunicationsSubtabs, SubtabChannels } from "./Subtabs.js"

/** The user a CRM page is shown to: the emulator reads their company and privileges afresh from the store. */
export type SignedInUser = Pick<CtiUser, "signInId">

/** The activities of a company with one identity, whatever their channel. */
export type ActivityLookup =
  | { readonly _tag: "Found"; readonly activity: Activity }
  | { readonly _tag: "NotFound" }
  | { readonly _tag: "Multiple"; readonly activities: ReadonlyArray<Activity> }

/** A record's activities as the user may see them. */
export interface RecordActivities {
  /** Of the channels whose Access privilege the user holds, newest first. */
  readonly activities: Page<Activity>
  /** How many of the record's activities are of channels the user may not access. */
  readonly hidden: number
}

export interface CommunicationsRequest {
  readonly current?: PageRequest
  readonly completed?: PageRequest
  /** Only interactions wrapped up at or after this time (epoch ms): the profile's time frame. */
  readonly completedSince?: number
}

/** A page of each list of an agent's Communications subtab. */
export interface CommunicationsPage {
  /** Not wrapped up yet, newest first. */
  readonly current: Page<Activity>
  /** Wrapped up, most recently wrapped up first. */
  readonly completed: Page<Activity>
}

/**
 * What the CRM's pages read, scoped to the signed-in user: only records and activities of their company, only
 * activities of channels whose Access privilege they hold, and every list a page of at most `PageSize` rows read
 * through the store's indexes. The pages render what these answer and never authorize themselves.
 */
export interface CrmQueries {
  /** A record of the user's company and of this type. */
  readonly record: (user: SignedInUser, type: AssociationType, id: string) => Effect.Effect<CrmRecord, CrmQueryError>
  /** The records of the user's company that a record or an activity refers to (a contact's account, …). */
  readonly linkedRecords: (
    user: SignedInUser,
    item: CrmRecord | Activity,
  ) => Effect.Effect<ReadonlyArray<CrmRecord>, CrmQueryError>
  /** A page of the activities associated with a record of the user's company. */
  readonly activitiesOfRecord: (
    user: SignedInUser,
    type: AssociationType,
    id: string,
    page?: PageRequest,
  ) => Effect.Effect<RecordActivities, CrmQueryError>
  /** A page of the user's company's records of one type, newest first. */
  readonly recordsOfType: (
    user: SignedInUser,
    type: CrmRecordType,
    page?: PageRequest,
  ) => Effect.Effect<Page<CrmRecord>, CrmQueryError>
  /** An activity of the user's company, of a channel they may access. */
  readonly activity: (user: SignedInUser, id: string) => Effect.Effect<Activity, CrmQueryError>
  /** The user's company's activities with an identity (the CTICommand servlet). */
  readonly findActivity: (
    user: SignedInUser,
    identity: ActivityIdentity,
  ) => Effect.Effect<ActivityLookup, CrmQueryError>
  /** The user's own interactions on a subtab; `Forbidden` without its Access privilege. */
  readonly communications: (
    user: SignedInUser,
    subtab: CommunicationsSubtab,
    request?: CommunicationsRequest,
  ) => Effect.Effect<CommunicationsPage, CrmQueryError>
}

/** A company's activities with one identity. */
export const lookupIdentity = (
  store: EmulatorStoreShape,
  company: string,
  identity: ActivityIdentity,
): ActivityLookup => {
  const activities = store.activitiesByIdentity(company, identity)
  const [first] = activities
  if (first === undefined) return { _tag: "NotFound" }
  return activities.length === 1 ? { _tag: "Found", activity: first } : { _tag: "Multiple", activities }
}

/** The synchronous core of the queries, shared with the wrap-up page. */
export const makeScope = (store: EmulatorStoreShape) => {
  const signedIn = (user: SignedInUser): Either.Either<StoredUser, CrmQueryError> => {
    const stored = store.user(user.signInId)
    return stored === undefined
      ? Either.left(forbidden(`No user ${user.signInId} is signed in.`))
      : Either.right(stored)
  }
  const mayAccess = (user: StoredUser, activity: Pick<Activity, "subtype">) =>
    mayAccessAll(user.privileges, [activity.subtype])
  const companyActivity = (user: StoredUser, id: string): Either.Either<Activity, CrmQueryError> => {
    const activity = store.activity(id)
    if (activity === undefined || activity.company !== user.company) {
      return Either.left(notFound(`There is no activity with the Record Id ${id}.`))
    }
    return mayAccess(user, activity)
      ? Either.right(activity)
      : Either.left(forbidden(`Your role has no ${requiredPrivilege(activity.subtype)} privilege.`))
  }
  return { signedIn, mayAccess, companyActivity }
}

const positionOf = (page: PageRequest | undefined): Either.Either<number | undefined, CrmQueryError> =>
  isPosition(page?.before)
    ? Either.right(page?.before)
    : Either.left(
        new CrmQueryError({
          reason: "InvalidPage",
          message: `before must be a position of a page (a whole number of zero or more), got ${String(page?.before)}`,
        }),
      )

/** The CRM pages' queries over a store. */
export const makeCrmQueries = (store: EmulatorStoreShape): CrmQueries => {
  const { signedIn, companyActivity } = makeScope(store)

  const companyRecord = (user: StoredUser, type: AssociationType, id: string) => {
    const record = store.record(id)
    return record !== undefined && record.company === user.company && record.recordType === type
      ? Either.right(record)
      : Either.left(notFound(`There is no ${type} with the Record Id ${id}.`))
  }

  const maySeeSubtab = (user: StoredUser, subtab: CommunicationsSubtab) =>
    mayAccessAll(user.privileges, [SubtabChannels[subtab]])

  return {
    record: (user, type, id) => Effect.suspend(() => Either.flatMap(signedIn(user), (u) => companyRecord(u, type, id))),

    linkedRecords: (user, item) =>
      Effect.suspend(() =>
        Either.map(signedIn(user), (u) =>
          ("recordType" in item ? referencesOfRecord(item) : referencesOfActivity(item)).flatMap(([, id, type]) =>
            Either.getOrElse(
              Either.map(companyRecord(u, type, id), (record) => [record]),
              () => [],
            ),
          ),
        ),
      ),

    activitiesOfRecord: (user, type, id, page) =>
      Effect.suspend(() =>
        Either.gen(function* () {
          const u = yield* signedIn(user)
          const record = yield* companyRecord(u, type, id)
          const before = yield* positionOf(page)
          const [visible, hidden] = [
            CommunicationsSubtabs.filter((subtab) => maySeeSubtab(u, subtab)),
            CommunicationsSubtabs.filter((subtab) => !maySeeSubtab(u, subtab)),
          ]
          return {
            activities: pageOf(
              visible.map((subtab) => store.activitiesOfRecord(record.id, subtab, before, PageSize + 1)),
            ),
            hidden: hidden.reduce((sum, subtab) => sum + store.countActivitiesOfRecord(record.id, subtab), 0),
          }
        }),
      ),

    recordsOfType: (user, type, page) =>
      Effect.suspend(() =>
        Either.gen(function* () {
          const u = yield* signedIn(user)
          const before = yield* positionOf(page)
          return pageOf([store.recordsOfType(u.company, type, before, PageSize + 1)])
        }),
      ),

    activity: (user, id) => Effect.suspend(() => Either.flatMap(signedIn(user), (u) => companyActivity(u, id))),

    findActivity: (user, identity) =>
      Effect.suspend(() => Either.map(signedIn(user), (u) => lookupIdentity(store, u.company, identity))),

    communications: (user, subtab, request = {}) =>
      Effect.suspend(() =>
        Either.gen(function* () {
          const u = yield* signedIn(user)
          if (!maySeeSubtab(u, subtab)) {
            return yield* Either.left(
              forbidden(`Your role has no ${requiredPrivilege(SubtabChannels[subtab])} privilege.`),
            )
          }
          const [current, completed] = [yield* positionOf(request.current), yield* positionOf(request.completed)]
          const since = request.completedSince ?? Number.NEGATIVE_INFINITY
          // Completed rows come most recently wrapped up first: those before the time frame are a tail to cut.
          const recent = store
            .activitiesOfOwner(u.signInId, subtab, "completed", completed, PageSize + 1)
            .filter((row) => (row.value.wrappedUpAt ?? 0) >= since)
          return {
            current: pageOf([store.activitiesOfOwner(u.signInId, subtab, "current", current, PageSize + 1)]),
            completed: pageOf([recent]),
          }
        }),
      ),
  }
}
