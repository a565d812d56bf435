import type { Account } from "@crmod-cti/emulator"
import { phoneLink } from "../views/phoneLink.js"
import { recordPage, type RecordPageView } from "../views/recordPage.js"

export const accountPage = (view: RecordPageView<Account>) => {
  const account = view.record
  return recordPage(view, [
    ["Account Name", account.name],
    [
      "Main Phone #",
      account.mainPhone !== undefined && phoneLink(account.mainPhone, { recordType: "Account", id: account.id }),
    ],
    ["Record Id", account.id],
  ])
}
