import type { PlaygroundContext } from "../app/Playground.js"
import { readCookie, writeCookie } from "../http/cookies.js"
import { htmlPage } from "../http/responses.js"
import { logonPage } from "../pages/LogonPage.js"

/** The cookie of the sign-in form's pre-sign-in session: its token, which the form carries too. */
export const LogonCsrfCookie = "crmod_logon_csrf"

/** The sign-in page, on its pre-sign-in session (the browser's own while it is live, else a new one). */
export const logonForm = (
  c: PlaygroundContext,
  status: number,
  fields: { readonly next: string; readonly username?: string; readonly error?: string },
): Response => {
  const { sessions, defaultPassword } = c.var.playground
  const csrfToken = sessions.openPending(readCookie(c, LogonCsrfCookie))
  writeCookie(c, LogonCsrfCookie, csrfToken)
  return htmlPage(c, status, logonPage({ ...fields, csrfToken, demoPassword: defaultPassword }))
}
