import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { clearCookie, setCookie } from "../http/cookies.js"
import { pageReply, type Reply, redirectReply } from "../http/Reply.js"
import { safeNext } from "../http/safeNext.js"
import { LogoffPath, LogonPath } from "../pages/layout.js"
import { logonPage } from "../pages/LogonPage.js"
import type { RequestContext } from "../RequestContext.js"
import { SessionCookie } from "../session/SessionStore.js"
import { currentUser } from "../session/signedIn.js"
import { newToken, sameToken } from "../session/token.js"
import { csrfRejected, formOf } from "./guards.js"
import type { Route } from "./Route.js"

/** The pre-session cookie holding the sign-in form's CSRF token (login CSRF: the double-submit pattern). */
export const LogonCsrfCookie = "crmod_logon_csrf"

const tokenShape = /^[A-Za-z0-9_-]{43}$/

const logonForm = (
  ctx: RequestContext,
  status: number,
  fields: { readonly next: string; readonly username?: string; readonly error?: string },
): Reply => {
  const existing = ctx.cookies.get(LogonCsrfCookie)
  const csrfToken = existing !== undefined && tokenShape.test(existing) ? existing : newToken()
  return pageReply(status, logonPage({ ...fields, csrfToken, demoPassword: ctx.app.defaultPassword }), {
    "set-cookie": setCookie(LogonCsrfCookie, csrfToken),
  })
}

const showLogon = async (ctx: RequestContext): Promise<Reply> => {
  const next = safeNext(ctx.url.searchParams.get("next"))
  if ((await currentUser(ctx)) !== undefined) return redirectReply(next)
  return logonForm(ctx, 200, { next })
}

const signIn = async (ctx: RequestContext): Promise<Reply> => {
  const form = await formOf(ctx)
  if (!(form instanceof URLSearchParams)) return form
  const next = safeNext(form.get("next"))
  const username = (form.get("username") ?? "").trim()
  if (!sameToken(form.get("csrf"), ctx.cookies.get(LogonCsrfCookie))) {
    return logonForm(ctx, 403, { next, username, error: "The sign-in form expired. Please sign in again." })
  }
  const signedIn = await Effect.runPromise(
    Effect.either(ctx.app.emulator.authenticate({ username, password: form.get("password") ?? "" })),
  )
  if (Either.isLeft(signedIn)) {
    return logonForm(ctx, 401, { next, username, error: "The user sign-in ID or password is incorrect." })
  }
  const previous = ctx.cookies.get(SessionCookie)
  if (previous !== undefined) ctx.app.sessions.remove(previous)
  // A new session id at every sign-in: an id planted before it (session fixation) is worth nothing.
  const session = ctx.app.sessions.create(signedIn.right.user.signInId)
  return redirectReply(next, 303, {
    "set-cookie": [setCookie(SessionCookie, session.id), clearCookie(LogonCsrfCookie)],
  })
}

const signOut = async (ctx: RequestContext): Promise<Reply> => {
  const who = await currentUser(ctx)
  const form = await formOf(ctx, who)
  if (!(form instanceof URLSearchParams)) return form
  if (who !== undefined) {
    if (!sameToken(form.get("csrf"), who.session.csrfToken)) return csrfRejected(who)
    ctx.app.sessions.remove(who.session.id)
    ctx.app.events.closeSession(who.session.id)
  }
  return redirectReply(LogonPath, 303, { "set-cookie": clearCookie(SessionCookie) })
}

export const logonRoutes: ReadonlyArray<Route> = [
  { path: LogonPath, get: showLogon, post: signIn },
  { path: LogoffPath, post: signOut },
]
