import { DemoUsers } from "@crmod-cti/emulator"
import { type Html, html } from "../html.js"
import { notice } from "../views/fieldList.js"
import { bareLayout, LogonPath } from "./layout.js"

export interface LogonView {
  /** The login CSRF token, also in the pre-session cookie. */
  readonly csrfToken: string
  readonly next: string
  readonly username?: string
  readonly error?: string
  /** The demo password while it is the default, to show the demo sign-in; null otherwise. */
  readonly demoPassword: string | null
}

const demoHint = (password: string) =>
  html`<aside class="demo-hint">
  <h2>Demo sign-in</h2>
  <p>Password <code>${password}</code> for each demo user:</p>
  <ul>
    <li><code>${DemoUsers.mosDef}</code> — every CTI privilege, administration included</li>
    <li><code>${DemoUsers.callAgent}</code> — calls only</li>
    <li><code>${DemoUsers.noCti}</code> — no CTI privilege</li>
  </ul>
</aside>`

export const logonPage = (view: LogonView): Html =>
  bareLayout(
    "Sign In",
    html`<section class="card logon-card">
  <div class="card-body">
    <h1>Sign in to CRM On Demand</h1>
    ${view.error !== undefined && notice("error", view.error)}
    <form class="form" method="post" action="${LogonPath}">
      <input type="hidden" name="csrf" value="${view.csrfToken}">
      <input type="hidden" name="next" value="${view.next}">
      <label class="form-row"><span>User Sign In ID</span>
        <input type="text" name="username" value="${view.username ?? ""}" autocomplete="username" placeholder="COMPANY/user" required autofocus></label>
      <label class="form-row"><span>Password</span>
        <input type="password" name="password" autocomplete="current-password" required></label>
      <div class="form-actions"><button type="submit" class="button button-primary">Sign In</button></div>
    </form>
  </div>
</section>
${view.demoPassword !== null && demoHint(view.demoPassword)}`,
  )
