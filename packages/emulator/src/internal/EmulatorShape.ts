import type {
  ActivityIdentity,
  AssociationType,
  CtiActivityServiceShape,
  CtiFault,
  CtiSession,
  CtiUser,
  UsernameToken,
  WrapUpStatus,
} from "@crmod-cti/core"
import type * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import type { Administration } from "./Administration.js"
import type { ChangeFeed } from "./ChangeFeed.js"
import type { ActivityLookup, CrmQueries } from "./CrmQueries.js"
import type { Activity, CrmRecord } from "./Records.js"
import type { CommunicationsSubtab } from "./Subtabs.js"
import type { WrapUpForm, WrapUpPage } from "./WrapUpPage.js"

/**
 * The CRM On Demand side of CTI for its tenants: the CTI Activity Web service and its sign-in, the CRM pages'
 * queries, company administration, and the feed of changes.
 */
export interface EmulatorShape extends ChangeFeed {
  /** Signs a request's UsernameToken in (the core's `CtiAuthenticator`), with the sign-in lockout. */
  readonly authenticate: (token: UsernameToken) => Effect.Effect<CtiSession, CtiFault>
  /** The sign-in page's check: the same function as `authenticate`, the same lockout, the same answers. */
  readonly signIn: (username: string, password: string) => Effect.Effect<CtiUser, CtiFault>
  /** The CTI Activity Web service acting for a user, in-process and without a password. */
  readonly serviceFor: (signInId: string) => CtiActivityServiceShape
  /** What the CRM's pages read, scoped to the signed-in user and paged. */
  readonly queries: CrmQueries
  /** The servlet's wrap-up page: the signed-in user's own activities only. */
  readonly wrapUpPage: WrapUpPage
  readonly administration: Administration

  /** @deprecated Use `queries.communications` (paged, `Forbidden` as a `CrmQueryError`). At most 100 rows a list. */
  readonly communications: (
    signInId: string,
    subtab: CommunicationsSubtab,
    options?: CommunicationsOptions,
  ) => Effect.Effect<Communications, CtiFault>
  /** @deprecated Use `queries.record` and `queries.activitiesOfRecord` (company-scoped). At most 100 activities. */
  readonly record: (type: AssociationType, id: string) => Effect.Effect<Option.Option<RecordWithActivities>>
  /** @deprecated Use `queries.activity` (company- and privilege-scoped). */
  readonly activity: (id: string) => Effect.Effect<Option.Option<Activity>>
  /** @deprecated Use `queries.findActivity` (the signed-in user's company). */
  readonly findActivity: (company: string, identity: ActivityIdentity) => Effect.Effect<ActivityLookup>
  /**
   * @deprecated Use `wrapUpPage.save`. Saves the servlet's wrap-up page for the user's own activity; another
   * agent's activity fails with `Access Denied`, one of another company answers `Activity not found`.
   */
  readonly wrapUpActivity: (
    signInId: string,
    activityId: string,
    form: WrapUpForm,
  ) => Effect.Effect<WrapUpPageResult, CtiFault>
  /** @deprecated Use `administration.users`. */
  readonly users: Administration["users"]
  /** @deprecated Use `administration.user`. */
  readonly user: Administration["user"]
  /** @deprecated Use `administration.setPrivileges`. */
  readonly setPrivileges: Administration["setPrivileges"]
  /** @deprecated Use `administration.hasPrivilege`. */
  readonly hasPrivilege: Administration["hasPrivilege"]
}

/** @deprecated The old `communications` answer; `queries.communications` answers pages. */
export interface Communications {
  readonly current: ReadonlyArray<Activity>
  readonly completed: ReadonlyArray<Activity>
}

/** @deprecated The old `communications` options. */
export interface CommunicationsOptions {
  readonly completedSince?: number
  readonly limit?: number
}

/** @deprecated The old `record` answer. */
export interface RecordWithActivities {
  readonly record: CrmRecord
  /** The record's first page of activities, newest first. */
  readonly activities: ReadonlyArray<Activity>
}

/** @deprecated The old `wrapUpActivity` answer; `wrapUpPage.save` answers `WrapUpSaved`. */
export interface WrapUpPageResult {
  readonly status: WrapUpStatus
  readonly activity?: Activity
}
