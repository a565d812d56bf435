import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { PlaygroundContext, Route } from "../app/Playground.js"
import { readCookie, removeCookie, writeCookie } from "../http/cookies.js"
import { redirectTo } from "../http/responses.js"
import { nextLocation, safeNext } from "../http/safeNext.js"
import { LogoffPath, LogonPath } from "../pages/layout.js"
import { SessionCookie } from "../session/SessionStore.js"
import { postedForm } from "./guards.js"
import { LogonCsrfCookie, logonForm } from "./logonForm.js"

const showLogon = async (c: PlaygroundContext): Promise<Response> => {
  const next = safeNext(c.req.query("next"))
  if (c.var.who !== undefined) return redirectTo(c, nextLocation(next))
  return logonForm(c, 200, { next })
}

/** Signs in with the form's `username` and `password`; `sessionAndCsrf` has checked its pre-sign-in session. */
const signIn = async (c: PlaygroundContext): Promise<Response> => {
  const form = postedForm(c)
  const next = safeNext(form.get("next"))
  const username = (form.get("username") ?? "").trim()
  const { emulator, sessions } = c.var.playground
  // The emulator's sign-in, with its lockout: an unknown user, a wrong password and a locked user get one answer.
  const signedIn = await Effect.runPromise(Effect.either(emulator.signIn(username, form.get("password") ?? "")))
  if (Either.isLeft(signedIn)) {
    return logonForm(c, 401, { next, username, error: "The user sign-in ID or password is incorrect." })
  }
  const previous = readCookie(c, SessionCookie)
  if (previous !== undefined) sessions.remove(previous)
  const pending = readCookie(c, LogonCsrfCookie)
  if (pending !== undefined) sessions.removePending(pending)
  // A new session id at every sign-in: an id planted before it (session fixation) is worth nothing.
  const session = sessions.create(signedIn.right.signInId)
  writeCookie(c, SessionCookie, session.id)
  removeCookie(c, LogonCsrfCookie)
  return redirectTo(c, nextLocation(next))
}

/** Ends the session (its form's token checked by `sessionAndCsrf`) and its live streams. */
const signOut = async (c: PlaygroundContext): Promise<Response> => {
  const who = c.var.who
  if (who !== undefined) {
    c.var.playground.sessions.remove(who.session.id)
    c.var.playground.streams.closeSession(who.session.id)
  }
  removeCookie(c, SessionCookie)
  return redirectTo(c, LogonPath)
}

export const logonRoutes: ReadonlyArray<Route> = [
  { path: LogonPath, get: showLogon, post: signIn },
  { path: LogoffPath, post: signOut },
]
