import type { CtiUser } from "@crmod-cti/core"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { RequestContext } from "../RequestContext.js"
import { type Session, SessionCookie } from "./SessionStore.js"

/** The request's session and its user, with the privileges the user has now. */
export interface SignedIn {
  readonly session: Session
  readonly user: CtiUser
}

export const currentUser = async (ctx: RequestContext): Promise<SignedIn | undefined> => {
  const session = ctx.app.sessions.get(ctx.cookies.get(SessionCookie))
  if (session === undefined) return undefined
  const user = await Effect.runPromise(ctx.app.emulator.user(session.signInId))
  return Option.isSome(user) ? { session, user: user.value } : undefined
}

export const hasPrivilege = (who: SignedIn, privilege: CtiUser["privileges"][number]): boolean =>
  who.user.privileges.includes(privilege)
