import { type Html, html, jsonScript } from "../html.js"
import type { SignedIn } from "../session/signedIn.js"
import { CommunicationsPath } from "./layout.js"

/** The softphone's configuration (`SoftphoneConfig` of the softphone's code). */
export interface SoftphoneConfig {
  readonly endpoint: string
  readonly ctiBaseUrl: string
  readonly signInId: string
  readonly demoPassword: string | null
  readonly prefill: { readonly phone: string; readonly email: string }
}

export interface WorkspaceView {
  readonly who: SignedIn
  readonly config: SoftphoneConfig
  /** Whether `dist/softphone` holds the softphone's build. */
  readonly softphoneBuilt: boolean
}

const softphoneMissing = html`<div class="card softphone-missing" role="alert"><div class="card-body">
  <h2>The softphone is not built</h2>
  <p>Its browser bundle (<code>dist/softphone/softphone.js</code>) is missing. Run the build, then reload:</p>
  <pre><code>npm run build --prefix apps/playground</code></pre>
  <p class="muted">or start the playground with <code>npm start</code>, which builds it first.</p>
</div></div>`

/**
 * The agent's workspace: the CRM in a same-origin frame (its header bar, with sign-out, tops the page), the
 * softphone beside it.
 */
export const workspacePage = (view: WorkspaceView): Html =>
  html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Workspace of ${view.who.user.signInId} · CRM On Demand</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/crm.css">
${view.softphoneBuilt && html`<link rel="stylesheet" href="/assets/softphone.css">`}
${jsonScript("softphone-config", view.config)}
${view.softphoneBuilt && html`<script type="module" src="/assets/softphone.js"></script>`}
</head>
<body class="workspace">
<div class="workspace-panes">
  <iframe name="crm" id="crm-frame" src="${CommunicationsPath}" title="CRM On Demand"></iframe>
  <aside id="softphone" aria-label="Softphone">${!view.softphoneBuilt && softphoneMissing}</aside>
</div>
</body>
</html>`
