import type { CtiUser } from "@crmod-cti/core"
import type { EmulatorShape } from "@crmod-cti/emulator"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { Session, SessionStore } from "./SessionStore.js"

/** The request's session and its user, with the privileges the user has now. */
export interface SignedIn {
  readonly session: Session
  readonly user: CtiUser
}

/** The signed-in user of a session id (a cookie's), if the session is live and its user still exists. */
export const signedInUser = async (
  sessions: SessionStore,
  emulator: EmulatorShape,
  sessionId: string | undefined,
): Promise<SignedIn | undefined> => {
  const session = sessions.get(sessionId)
  if (session === undefined) return undefined
  const user = await Effect.runPromise(emulator.administration.user(session.signInId))
  return Option.isSome(user) ? { session, user: user.value } : undefined
}

export const hasPrivilege = (who: SignedIn, privilege: CtiUser["privileges"][number]): boolean =>
  who.user.privileges.includes(privilege)
