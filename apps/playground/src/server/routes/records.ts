import type { CrmRecord, CrmRecordType } from "@crmod-cti/emulator"
import * as Either from "effect/Either"
import type { Route } from "../app/Playground.js"
import { type Paged, paged, pageParameter } from "../crm/paging.js"
import { runQuery } from "../crm/runQuery.js"
import { htmlPage } from "../http/responses.js"
import { RecordsPath } from "../pages/layout.js"
import { RecordTypes, recordsPage } from "../pages/RecordsPage.js"
import { badParameter } from "./errors.js"
import { signedIn } from "./guards.js"
import { queryFailed } from "./queryFailed.js"

const isRecordType = (value: string): value is CrmRecordType => (RecordTypes as ReadonlyArray<string>).includes(value)

/** The company's records by type: the newest page of each, or one type's pages (`?type=…&before=…`). */
const showRecords = signedIn(async (c, who) => {
  const type = c.req.query("type")
  if (type !== undefined && !isRecordType(type)) {
    return badParameter(
      c,
      who,
      `Invalid value "${type}" for parameter "type": expected ${RecordTypes.join(", ")}.`,
      "type",
    )
  }
  const before = pageParameter("before", c.req.query("before"))
  if (Either.isLeft(before)) return badParameter(c, who, before.left, "before")
  const groups: Array<readonly [CrmRecordType, Paged<CrmRecord>]> = []
  for (const recordType of type === undefined ? RecordTypes : [type]) {
    const request = type === undefined ? {} : before.right
    const page = await runQuery(c.var.playground.emulator.queries.recordsOfType(who.user, recordType, request))
    if (Either.isLeft(page)) return queryFailed(c, who, page.left)
    if (page.right.rows.length > 0) groups.push([recordType, paged(page.right, request)])
  }
  return htmlPage(c, 200, recordsPage({ who, groups }))
})

export const recordsRoutes: ReadonlyArray<Route> = [{ path: RecordsPath, get: showRecords }]
