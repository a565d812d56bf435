import type { Lead } from "@crmod-cti/emulator"
import { html } from "../html.js"
import { phoneLink } from "../views/phoneLink.js"
import { recordPage, type RecordPageView } from "../views/recordPage.js"

export const leadPage = (view: RecordPageView<Lead>) => {
  const lead = view.record
  const dial = { recordType: "Lead", id: lead.id } as const
  return recordPage(view, [
    ["First Name", lead.firstName],
    ["Last Name", lead.lastName],
    ["Work Phone #", lead.workPhone !== undefined && phoneLink(lead.workPhone, dial)],
    ["Mobile #", lead.mobilePhone !== undefined && phoneLink(lead.mobilePhone, dial)],
    ["Email", lead.email !== undefined && html`<a href="mailto:${lead.email}">${lead.email}</a>`],
    ["Record Id", lead.id],
  ])
}
