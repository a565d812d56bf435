import type { CtiActivityServiceShape, CtiFault, CtiSession, CtiUser, UsernameToken } from "@crmod-cti/core"
import type * as Effect from "effect/Effect"
import type { Administration } from "./Administration.js"
import type { ChangeFeed } from "./ChangeFeed.js"
import type { CrmQueries } from "./CrmQueries.js"
import type { WrapUpPage } from "./WrapUpPage.js"

/**
 * The CRM On Demand side of CTI for its tenants: the CTI Activity Web service and its sign-in, the CRM pages'
 * queries, company administration, and the feed of changes.
 */
export interface EmulatorShape extends ChangeFeed {
  /** Signs a request's UsernameToken in (the core's `CtiAuthenticator`), with the sign-in lockout. */
  readonly authenticate: (token: UsernameToken) => Effect.Effect<CtiSession, CtiFault>
  /**
   * Runs one Web service request of the user a UsernameToken names (`COMPANY/user`) in one of the company's slots
   * of the Web Services Concurrent Request Allotment, from before its sign-in to its answer; with every slot taken,
   * it fails at once with the allotment's fault. Servers wrap each request in it (emulator-http's app does);
   * in-process calls of `serviceFor` are synchronous and never overlap, so they need no slot.
   */
  readonly admitRequest: <A, E>(username: string, request: Effect.Effect<A, E>) => Effect.Effect<A, E | CtiFault>
  /** The sign-in page's check: the same function as `authenticate`, the same lockout, the same answers. */
  readonly signIn: (username: string, password: string) => Effect.Effect<CtiUser, CtiFault>
  /** The CTI Activity Web service acting for a user, in-process and without a password. */
  readonly serviceFor: (signInId: string) => CtiActivityServiceShape
  /** What the CRM's pages read, scoped to the signed-in user and paged. */
  readonly queries: CrmQueries
  /** The servlet's wrap-up page: the signed-in user's own activities only. */
  readonly wrapUpPage: WrapUpPage
  /** Company administration, for the signed-in administrators of each company. */
  readonly administration: Administration
}
