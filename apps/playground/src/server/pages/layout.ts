import { type Html, html, type Interpolation } from "../html.js"
import { hasPrivilege, type SignedIn } from "../session/signedIn.js"

export type Section = "communications" | "records" | "administration"

export const CommunicationsPath = "/OnDemand/user/Communications"
export const RecordsPath = "/OnDemand/user/Records"
export const WebServicesAdminPath = "/OnDemand/user/WebServicesAdmin"
export const CtiPrivilegesPath = "/OnDemand/user/CtiPrivileges"
export const LogonPath = "/OnDemand/logon"
export const LogoffPath = "/OnDemand/logoff"

const head = (title: string, scripts: ReadonlyArray<string>) =>
  html`<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · CRM On Demand</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/crm.css">
${scripts.map((src) => html`<script src="${src}" defer></script>`)}
</head>`

const brand = html`<a class="brand" href="/" target="_top"><span class="brand-mark">CRM</span> On Demand <span class="brand-tag">Playground</span></a>`

/** Sign-out is a POST with the session's CSRF token; it leaves the workspace frame (`_top`). */
export const signOutForm = (who: SignedIn): Html =>
  html`<form class="sign-out" method="post" action="${LogoffPath}" target="_top">
  <input type="hidden" name="csrf" value="${who.session.csrfToken}">
  <button type="submit" class="link-button">Sign out</button>
</form>`

/** The hidden CSRF field of a data-changing form. */
export const csrfField = (who: SignedIn): Html =>
  html`<input type="hidden" name="csrf" value="${who.session.csrfToken}">`

const navLink = (href: string, label: string, current: boolean) =>
  html`<a href="${href}"${current ? html` aria-current="page" class="current"` : ""}>${label}</a>`

export interface CrmPage {
  readonly title: string
  readonly who: SignedIn
  readonly section?: Section
  readonly body: Interpolation
  readonly scripts?: ReadonlyArray<string>
}

/** A page of the CRM: the header bar with its tabs (Administration only for CTI managers) and the content. */
export const crmLayout = (page: CrmPage): Html =>
  html`<html lang="en">
${head(page.title, page.scripts ?? [])}
<body class="crm">
<header class="app-header">
  ${brand}
  <nav class="main-nav" aria-label="Main">
    ${navLink(CommunicationsPath, "Communications", page.section === "communications")}
    ${navLink(RecordsPath, "Records", page.section === "records")}
    ${hasPrivilege(page.who, "Manage CTI On Demand Access") && navLink(WebServicesAdminPath, "Administration", page.section === "administration")}
  </nav>
  <div class="user-menu"><span class="user-name" title="Signed in">${page.who.user.signInId}</span>${signOutForm(page.who)}</div>
</header>
<main class="page">
${page.body}
</main>
</body>
</html>`

/** A page without a session: sign-in, and errors met before signing in. */
export const bareLayout = (title: string, body: Interpolation): Html =>
  html`<html lang="en">
${head(title, [])}
<body class="bare">
<header class="app-header">${brand}</header>
<main class="page page-narrow">
${body}
</main>
</body>
</html>`
