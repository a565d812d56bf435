import { type AssociationType, mayAccessAll } from "@crmod-cti/core"
import type { CrmRecord } from "@crmod-cti/emulator"
import * as Either from "effect/Either"
import type { Route } from "../app/Playground.js"
import { companyRecord, linkedRecords } from "../crm/lookups.js"
import { pageOf, pageParameter } from "../crm/paging.js"
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
import { badParameter, notFound } from "./errors.js"
import { signedIn } from "./guards.js"

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
    const { emulator } = c.var.playground
    const found = await companyRecord(emulator, who.user, type, id)
    if (found === undefined) return notFound(c, who, `There is no ${type} with the Record Id ${id}.`)
    const record = found.record as RecordOf<T>
    // Like the Communications tab, activities show only to users with their channel's Access privilege.
    const visible = found.activities.filter((activity) => mayAccessAll(who.user.privileges, [activity.subtype]))
    const view: RecordPageView<RecordOf<T>> = {
      who,
      record,
      activities: pageOf(before.right, (limit) => visible.slice(0, limit)),
      hiddenActivities: found.activities.length - visible.length,
      linked: await linkedRecords(emulator, who.user, record),
    }
    return htmlPage(c, 200, pages[type](view))
  }),
})

export const recordDetailRoutes: ReadonlyArray<Route> = (Object.keys(pages) as ReadonlyArray<AssociationType>).map(
  detailRoute,
)
