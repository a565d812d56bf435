import type { Opportunity } from "@crmod-cti/emulator"
import { recordLink } from "../views/recordLinks.js"
import { recordPage, type RecordPageView } from "../views/recordPage.js"

export const opportunityPage = (view: RecordPageView<Opportunity>) => {
  const opportunity = view.record
  const account = view.linked.find((record) => record.id === opportunity.accountId)
  return recordPage(view, [
    ["Opportunity Name", opportunity.name],
    ["Account", account !== undefined && recordLink(account)],
    ["Record Id", opportunity.id],
  ])
}
