import type { AssociationType } from "@crmod-cti/core"
import type { CrmRecord } from "@crmod-cti/emulator"
import { demoRecordIds } from "../crm/demoRecords.js"
import { companyRecord } from "../crm/lookups.js"
import { pageReply } from "../http/Reply.js"
import { RecordsPath } from "../pages/layout.js"
import { recordsPage } from "../pages/RecordsPage.js"
import { signedIn } from "./guards.js"
import type { Route } from "./Route.js"

const showRecords = signedIn(async (ctx, who) => {
  const groups = await Promise.all(
    demoRecordIds.map(async ([type, ids]): Promise<readonly [AssociationType, ReadonlyArray<CrmRecord>]> => {
      const found = await Promise.all(ids.map((id) => companyRecord(ctx.app, who.user, type, id)))
      return [type, found.flatMap((entry) => (entry === undefined ? [] : [entry.record]))]
    }),
  )
  return pageReply(200, recordsPage({ who, groups: groups.filter(([, records]) => records.length > 0) }))
})

export const recordsRoutes: ReadonlyArray<Route> = [{ path: RecordsPath, get: showRecords }]
