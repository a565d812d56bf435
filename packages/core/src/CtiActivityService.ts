import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type { InsertResult, WrapUpResult } from "./Activity.js"
import type { CtiFault } from "./Fault.js"
import type { Interaction, WrapUpInteraction } from "./Interaction.js"
import { Privilege } from "./Privilege.js"

/**
 * The CTI Activity Web service, as both sides see it. On the CRM side (the emulator) it acts for one signed-in
 * user; on the client side (the transports) for the user whose credentials the client sends.
 *
 * Both operations take validated interactions and answer one result per interaction, in order, or fail the whole
 * request with a `CtiFault`. The emulator takes at most five interactions a call, like CRM On Demand; the clients
 * take any number and split them into requests of five.
 */
export interface CtiActivityServiceShape<E = CtiFault> {
  readonly insert: (interactions: ReadonlyArray<Interaction>) => Effect.Effect<ReadonlyArray<InsertResult>, E>
  readonly wrapUp: (interactions: ReadonlyArray<WrapUpInteraction>) => Effect.Effect<ReadonlyArray<WrapUpResult>, E>
}

/** A user as CRM On Demand signs them in: `COMPANY/user` (e.g. `OKP/mos.def`), their company and privileges. */
export const CtiUser = Schema.Struct({
  signInId: Schema.String,
  company: Schema.String,
  privileges: Schema.Array(Privilege),
})
export type CtiUser = typeof CtiUser.Type

/** The WS-Security UsernameToken of a request (PasswordText). */
export interface UsernameToken {
  readonly username: string
  readonly password: string
}

/** A user signed in for one request, and the service acting for them. */
export interface CtiSession {
  readonly user: CtiUser
  readonly service: CtiActivityServiceShape
}

/**
 * The CRM side's sign-in for stateless requests: the server transports authenticate every request's
 * UsernameToken through it (privileges are read afresh each time, so a role change takes effect on the next
 * request).
 */
export class CtiAuthenticator extends Context.Tag("@crmod-cti/core/CtiAuthenticator")<
  CtiAuthenticator,
  { readonly authenticate: (token: UsernameToken) => Effect.Effect<CtiSession, CtiFault> }
>() {}
