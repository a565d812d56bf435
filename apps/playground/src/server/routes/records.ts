import type { AssociationType } from "@crmod-cti/core"
import type { CrmRecord } from "@crmod-cti/emulator"
import * as Either from "effect/Either"
import type { Route } from "../app/Playground.js"
import { demoRecordIds } from "../crm/demoRecords.js"
import { companyRecord } from "../crm/lookups.js"
import { type Paged, pageOf, pageParameter } from "../crm/paging.js"
import { htmlPage } from "../http/responses.js"
import { RecordsPath } from "../pages/layout.js"
import { recordsPage } from "../pages/RecordsPage.js"
import { badParameter } from "./errors.js"
import { signedIn } from "./guards.js"

const showRecords = signedIn(async (c, who) => {
  const { emulator } = c.var.playground
  const type = c.req.query("type")
  const types = demoRecordIds.map(([recordType]) => recordType)
  if (type !== undefined && !(types as ReadonlyArray<string>).includes(type)) {
    return badParameter(c, who, `Invalid value "${type}" for parameter "type": expected ${types.join(", ")}.`, "type")
  }
  const before = pageParameter("before", c.req.query("before"))
  if (Either.isLeft(before)) return badParameter(c, who, before.left, "before")
  // One type's pages (`?type=…&before=…`), or the first page of each.
  const groups = await Promise.all(
    demoRecordIds
      .filter(([recordType]) => type === undefined || recordType === type)
      .map(async ([recordType, ids]): Promise<readonly [AssociationType, Paged<CrmRecord>]> => {
        const listed = pageOf(type === undefined ? undefined : before.right, (limit) => ids.slice(0, limit))
        const found = await Promise.all(listed.rows.map((id) => companyRecord(emulator, who.user, recordType, id)))
        const rows = found.flatMap((entry) => (entry === undefined ? [] : [entry.record]))
        return [recordType, { ...listed, rows }]
      }),
  )
  return htmlPage(c, 200, recordsPage({ who, groups: groups.filter(([, records]) => records.rows.length > 0) }))
})

export const recordsRoutes: ReadonlyArray<Route> = [{ path: RecordsPath, get: showRecords }]
