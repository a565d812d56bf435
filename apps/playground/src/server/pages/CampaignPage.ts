import type { Campaign } from "@crmod-cti/emulator"
import { recordPage, type RecordPageView } from "../views/recordPage.js"

export const campaignPage = (view: RecordPageView<Campaign>) =>
  recordPage(view, [
    ["Campaign Name", view.record.name],
    ["Source Code", view.record.sourceCode],
    ["Record Id", view.record.id],
  ])
