import type { ServiceRequest } from "@crmod-cti/emulator"
import { recordLink } from "../views/recordLinks.js"
import { recordPage, type RecordPageView } from "../views/recordPage.js"

export const serviceRequestPage = (view: RecordPageView<ServiceRequest>) => {
  const request = view.record
  const contact = view.linked.find((record) => record.id === request.contactId)
  const account = view.linked.find((record) => record.id === request.accountId)
  return recordPage(view, [
    ["SR Number", request.number],
    ["Subject", request.subject],
    ["Contact", contact !== undefined && recordLink(contact)],
    ["Account", account !== undefined && recordLink(account)],
    ["Record Id", request.id],
  ])
}
