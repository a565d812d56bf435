import { WsdlPath } from "@crmod-cti/emulator-http"
import { type Html, html } from "../html.js"
import type { SignedIn } from "../session/signedIn.js"
import { card, pageHeader } from "../views/fieldList.js"
import { CtiPrivilegesPath, crmLayout } from "./layout.js"

export interface WebServicesAdminView {
  readonly who: SignedIn
  /** The CTI Activity Web service's URL as this browser reaches it. */
  readonly endpoint: string
}

/** The WSDL's download link: the chapter's only place to get it, for users with Manage CTI On Demand Access. */
export const WsdlDownloadUrl = `${WsdlPath}?wsdl`

/** Web Services Administration: the CTI Activity service and its WSDL, and the way to the CTI privileges. */
export const webServicesAdminPage = (view: WebServicesAdminView): Html =>
  crmLayout({
    title: "Web Services Administration",
    who: view.who,
    section: "administration",
    body: html`${pageHeader("Web Services Administration", { kicker: "Administration" })}
${card(
  "Services",
  html`<div class="table-wrap"><table class="data-table" id="web-services">
<thead><tr><th scope="col">Service</th><th scope="col">Operations</th><th scope="col">Endpoint</th><th scope="col">WSDL</th></tr></thead>
<tbody><tr>
<td><strong>CTI Activity</strong><br><span class="muted">urn:crmondemand/ws/odctibs/ctiactivity/</span></td>
<td>CTIActivityInsert<br>CTIActivityWrapUp</td>
<td><code>${view.endpoint}</code></td>
<td><a class="button button-primary" id="download-wsdl" href="${WsdlDownloadUrl}" download="CTIActivity.wsdl">Download WSDL</a></td>
</tr></tbody>
</table></div>`,
)}
${card(
  "CTI Privileges",
  html`<p>Grant or revoke the Access Communications privileges and Manage CTI On Demand Access of the company's users.</p>
<p><a class="button button-secondary" href="${CtiPrivilegesPath}">Manage CTI Privileges</a></p>`,
)}`,
  })
