import type { AssociationType } from "@crmod-cti/core"
import type { CrmRecord } from "@crmod-cti/emulator"
import * as Either from "effect/Either"
import type { Route } from "../app/Playground.js"
import { paged, pageParameter } from "../crm/paging.js"
import { runQuery } from "../crm/runQuery.js"
import type { Html } from "../html.js"
import { htmlPage } from "../http/responses.js"
import { accountPage } from "../pages/AccountPage.js"
import { campaignPage } from "../pages/CampaignPage.js"
import { contactPage } from "../pages/ContactPage.js"
import { leadPage } from "../pages/LeadPage.js"
import { opportunityPage } from "../pages/OpportunityPage.js"
import { serviceRequestPage } from "../pages/ServiceRequestPage.js"
import { DetailPaths } from "../views/recordLinks.js"
import type { RecordPageView } from "../views/recordPage.js"
import { badParameter } from "./errors.js"
import { signedIn } from "./guards.js"
import { queryFailed } from "./queryFailed.js"

type RecordOf<T extends AssociationType> = Extract<CrmRecord, { readonly recordType: T }>

const pages: { readonly [T in AssociationType]: (view: RecordPageView<RecordOf<T>>) => Html } = {
  Contact: contactPage,
  Account: accountPage,
  Lead: leadPage,
  "Service Request": serviceRequestPage,
  Campaign: campaignPage,
  Opportunity: opportunityPage,
}

/** A record type's detail page at `…Detail?id=`: the record, what it points to, and a page of its activities. */
const detailRoute = <T extends AssociationType>(type: T): Route => ({
  path: DetailPaths[type],
  get: signedIn(async (c, who) => {
    const id = c.req.query("id")
    if (id === undefined || id === "")
      return badParameter(c, who, `Missing parameter "id": which ${type} to show.`, "id")
    const before = pageParameter("before", c.req.query("before"))
    if (Either.isLeft(before)) return badParameter(c, who, before.left, "before")
    const { queries } = c.var.playground.emulator
    const record = await runQuery(queries.record(who.user, type, id))
    if (Either.isLeft(record)) return queryFailed(c, who, record.left)
    // Like the Communications tab, activities show only of channels whose Access privilege the user holds.
    const activities = await runQuery(queries.activitiesOfRecord(who.user, type, id, before.right))
    if (Either.isLeft(activities)) return queryFailed(c, who, activities.left)
    const linked = await runQuery(queries.linkedRecords(who.user, record.right))
    const view: RecordPageView<RecordOf<T>> = {
      who,
      record: record.right as RecordOf<T>,
      activities: paged(activities.right.activities, before.right),
      hiddenActivities: activities.right.hidden,
      linked: Either.getOrElse(linked, () => []),
    }
    return htmlPage(c, 200, pages[type](view))
  }),
})

export const recordDetailRoutes: ReadonlyArray<Route> = (Object.keys(pages) as ReadonlyArray<AssociationType>).map(
  detailRoute,
)
