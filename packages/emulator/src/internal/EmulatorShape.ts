import type {
  ActivityIdentity,
  ActivityType,
  AssociationType,
  ChannelType,
  CtiActivityServiceShape,
  CtiFault,
  CtiSession,
  CtiUser,
  Privilege,
  UsernameToken,
  WrapUpStatus,
} from "@crmod-cti/core"
import type * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import type * as Stream from "effect/Stream"
import type { EmulatorChange } from "./Changes.js"
import type { Activity, CrmRecord } from "./Records.js"
import type { UnknownUserError } from "./UnknownUserError.js"

/** The subtabs of the Communications tab; Callback activities show on the Call subtab (their privilege's). */
export type CommunicationsSubtab = Exclude<ActivityType, "Callback">

/** A channel of each subtab, whose Access privilege the subtab needs. */
export const SubtabChannels: { readonly [S in CommunicationsSubtab]: ChannelType } = {
  Call: "Inbound Call",
  Chat: "Inbound Chat",
  Email: "Inbound Email",
  Voicemail: "Inbound Voicemail",
}

/** An agent's interactions of one subtab, each list newest first. */
export interface Communications {
  /** Not wrapped up yet. */
  readonly current: ReadonlyArray<Activity>
  /** Wrapped up. */
  readonly completed: ReadonlyArray<Activity>
}

export interface CommunicationsOptions {
  /** Only completed interactions wrapped up at or after this time (epoch ms): the profile's time frame. */
  readonly completedSince?: number
  /** At most this many interactions in each list. */
  readonly limit?: number
}

export interface RecordWithActivities {
  readonly record: CrmRecord
  /** The activities associated with the record, newest first. */
  readonly activities: ReadonlyArray<Activity>
}

/** The activities of a company with one identity, whatever their channel. */
export type ActivityLookup =
  | { readonly _tag: "Found"; readonly activity: Activity }
  | { readonly _tag: "NotFound" }
  | { readonly _tag: "Multiple"; readonly activities: ReadonlyArray<Activity> }

/** What the servlet's wrap-up page saves. */
export interface WrapUpForm {
  readonly notes?: string
  readonly callResult?: string
}

export interface WrapUpPageResult {
  /** `OK`, `Activity has already been wrapped up` (the form is saved all the same), `Activity not found` or `Error`. */
  readonly status: WrapUpStatus
  readonly activity?: Activity
}

/** The CRM On Demand side of CTI for its tenants. */
export interface EmulatorShape {
  /** Signs a request's UsernameToken in (the core's `CtiAuthenticator`). */
  readonly authenticate: (token: UsernameToken) => Effect.Effect<CtiSession, CtiFault>
  /** The CTI Activity Web service acting for a user, in-process and without a password. */
  readonly serviceFor: (signInId: string) => CtiActivityServiceShape
  /** The Communications tab: fails with `Access Denied` without the subtab's Access privilege. */
  readonly communications: (
    signInId: string,
    subtab: CommunicationsSubtab,
    options?: CommunicationsOptions,
  ) => Effect.Effect<Communications, CtiFault>
  readonly record: (type: AssociationType, id: string) => Effect.Effect<Option.Option<RecordWithActivities>>
  readonly activity: (id: string) => Effect.Effect<Option.Option<Activity>>
  readonly findActivity: (company: string, identity: ActivityIdentity) => Effect.Effect<ActivityLookup>
  /**
   * Saves the servlet's wrap-up page: stores the notes and call result, and wraps the activity up by the rules
   * and privileges of `CTIActivityWrapUp`. The activity must be of the user's company.
   */
  readonly wrapUpActivity: (
    signInId: string,
    activityId: string,
    form: WrapUpForm,
  ) => Effect.Effect<WrapUpPageResult, CtiFault>
  readonly users: (company: string) => Effect.Effect<ReadonlyArray<CtiUser>>
  readonly user: (signInId: string) => Effect.Effect<Option.Option<CtiUser>>
  /** Replaces a user's privileges; their next request sees the change. */
  readonly setPrivileges: (
    signInId: string,
    privileges: ReadonlyArray<Privilege>,
  ) => Effect.Effect<void, UnknownUserError>
  readonly hasPrivilege: (signInId: string, privilege: Privilege) => Effect.Effect<boolean>
  /** Counts the changes so far. */
  readonly revision: Effect.Effect<number>
  /** Every change from the moment the stream is run. */
  readonly changes: Stream.Stream<EmulatorChange>
  /** Subscribes now: the stream has every change from this moment, for as long as the scope is open. */
  readonly subscribe: Effect.Effect<Stream.Stream<EmulatorChange>, never, Scope.Scope>
}
