import { type CtiUser, Privileges } from "@crmod-cti/core"
import { isOwnAdministrationPrivilege } from "@crmod-cti/emulator"
import { type Html, html } from "../html.js"
import type { SignedIn } from "../session/signedIn.js"
import { card, notice, pageHeader } from "../views/fieldList.js"
import { CtiPrivilegesPath, crmLayout, csrfField } from "./layout.js"

export interface CtiPrivilegesView {
  readonly who: SignedIn
  readonly users: ReadonlyArray<CtiUser>
  /** The user whose privileges were just saved. */
  readonly saved?: string
}

const row = (who: SignedIn, user: CtiUser, index: number): Html => {
  const form = `privileges-${index}`
  return html`<tr data-user="${user.signInId}">
<th scope="row">${user.signInId}</th>
${Privileges.map((privilege) => {
  const own = isOwnAdministrationPrivilege(who.user, user, privilege)
  return html`<td class="check"><input type="checkbox" form="${form}" name="privilege" value="${privilege}" aria-label="${privilege} for ${user.signInId}"${user.privileges.includes(privilege) ? html` checked` : ""}${own ? html` disabled title="You cannot revoke your own Manage CTI On Demand Access"` : ""}></td>`
})}
<td><form id="${form}" method="post" action="${CtiPrivilegesPath}">${csrfField(who)}<input type="hidden" name="user" value="${user.signInId}"><button type="submit" class="button button-secondary button-small">Save</button></form></td>
</tr>`
}

/** The role page: each CTI privilege of each user of the company, saved per user. */
export const ctiPrivilegesPage = (view: CtiPrivilegesView): Html =>
  crmLayout({
    title: "CTI Privileges",
    who: view.who,
    section: "administration",
    body: html`${pageHeader("CTI Privileges", { kicker: "Administration" })}
${view.saved !== undefined && notice("success", `Privileges of ${view.saved} saved. They take effect on the user's next request.`)}
${card(
  `Users of ${view.who.user.company}`,
  html`<div class="table-wrap"><table class="data-table privileges" id="cti-privileges">
<thead><tr><th scope="col">User</th>${Privileges.map((privilege) => html`<th scope="col">${privilege}</th>`)}<th scope="col"><span class="visually-hidden">Save</span></th></tr></thead>
<tbody>${view.users.map((user, index) => row(view.who, user, index))}</tbody>
</table></div>`,
)}`,
  })
