import type { MiddlewareHandler } from "hono"
import type { PlaygroundContext, PlaygroundEnv } from "../app/Playground.js"
import { readCookie } from "../http/cookies.js"
import { readForm } from "../http/forms.js"
import { safeNext } from "../http/safeNext.js"
import { LogonPath } from "../pages/layout.js"
import { formRejected, unsupportedForm } from "../routes/errors.js"
import { LogonCsrfCookie, logonForm } from "../routes/logonForm.js"
import { CtiCommandServletPath } from "../routes/servletPath.js"
import { SessionCookie } from "./SessionStore.js"
import { signedInUser } from "./signedIn.js"
import { sameToken } from "./token.js"

/** Whether the request names an origin (`Origin`) other than the one it was sent to. No `Origin`: not foreign. */
const isForeign = (c: PlaygroundContext): boolean => {
  const origin = c.req.header("origin")
  return origin !== undefined && origin.toLowerCase() !== c.var.origin
}

/** The sign-in form's token: its pre-sign-in session, while that is live. */
const pendingToken = (c: PlaygroundContext): string | undefined => {
  const token = readCookie(c, LogonCsrfCookie)
  return c.var.playground.sessions.isPending(token) ? token : undefined
}

/**
 * Sessions and forms, for every page (`CONTRACT.md` §9): finds the request's signed-in user (`who`), and for a
 * POSTed form, which changes something, refuses a foreign `Origin`, reads the form and checks its token against
 * the session's (the sign-in form's against its pre-sign-in session's). A form without a session has nothing to
 * protect: its page sends the user to sign in. The CTICommand servlet only navigates: any origin, no token (§7).
 */
export const sessionAndCsrf: MiddlewareHandler<PlaygroundEnv> = async (c, next) => {
  const { sessions, emulator } = c.var.playground
  const who = await signedInUser(sessions, emulator, readCookie(c, SessionCookie))
  c.set("who", who)
  c.set("form", undefined)
  if (c.req.method !== "POST" || c.req.path === CtiCommandServletPath) return next()
  if (isForeign(c)) return formRejected(c, who)
  const body = await readForm(c)
  if (body._tag === "UnsupportedType") return unsupportedForm(c, who)
  const isLogon = c.req.path === LogonPath
  const expected = isLogon ? pendingToken(c) : who?.session.csrfToken
  if (isLogon || expected !== undefined) {
    if (!sameToken(body.fields.get("csrf"), expected)) {
      return isLogon
        ? logonForm(c, 403, {
            next: safeNext(body.fields.get("next")),
            username: (body.fields.get("username") ?? "").trim(),
            error: "The sign-in form expired. Please sign in again.",
          })
        : formRejected(c, who)
    }
  }
  c.set("form", body.fields)
  return next()
}
