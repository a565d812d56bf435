import type { Contact } from "@crmod-cti/emulator"
import { html } from "../html.js"
import { phoneLink } from "../views/phoneLink.js"
import { recordLink } from "../views/recordLinks.js"
import { recordPage, type RecordPageView } from "../views/recordPage.js"

export const contactPage = (view: RecordPageView<Contact>) => {
  const contact = view.record
  const dial = { recordType: "Contact", id: contact.id } as const
  const account = view.linked.find((record) => record.id === contact.accountId)
  return recordPage(view, [
    ["First Name", contact.firstName],
    ["Last Name", contact.lastName],
    ["Work Phone #", contact.workPhone !== undefined && phoneLink(contact.workPhone, dial)],
    ["Home Phone #", contact.homePhone !== undefined && phoneLink(contact.homePhone, dial)],
    ["Mobile #", contact.mobilePhone !== undefined && phoneLink(contact.mobilePhone, dial)],
    ["Email", contact.email !== undefined && html`<a href="mailto:${contact.email}">${contact.email}</a>`],
    ["Account", account !== undefined && recordLink(account)],
    ["Record Id", contact.id],
  ])
}
