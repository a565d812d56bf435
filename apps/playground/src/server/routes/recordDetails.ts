import { type AssociationType, mayAccessAll } from "@crmod-cti/core"
import type { CrmRecord } from "@crmod-cti/emulator"
import { companyRecord, linkedRecords } from "../crm/lookups.js"
import type { Html } from "../html.js"
import { pageReply } from "../http/Reply.js"
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
import type { Route } from "./Route.js"

type RecordOf<T extends AssociationType> = Extract<CrmRecord, { readonly recordType: T }>

const pages: { readonly [T in AssociationType]: (view: RecordPageView<RecordOf<T>>) => Html } = {
  Contact: contactPage,
  Account: accountPage,
  Lead: leadPage,
  "Service Request": serviceRequestPage,
  Campaign: campaignPage,
  Opportunity: opportunityPage,
}

/** A record type's detail page at `…Detail?id=`: the record, what it points to, and its activities. */
const detailRoute = <T extends AssociationType>(type: T): Route => ({
  path: DetailPaths[type],
  get: signedIn(async (ctx, who) => {
    const id = ctx.url.searchParams.get("id")
    if (id === null || id === "") return badParameter(who, `Missing parameter "id": which ${type} to show.`, "id")
    const found = await companyRecord(ctx.app, who.user, type, id)
    if (found === undefined) return notFound(who, `There is no ${type} with the Record Id ${id}.`)
    const record = found.record as RecordOf<T>
    // Like the Communications tab, activities show only to users with their channel's Access privilege.
    const activities = found.activities.filter((activity) => mayAccessAll(who.user.privileges, [activity.subtype]))
    const view: RecordPageView<RecordOf<T>> = {
      who,
      record,
      activities,
      hiddenActivities: found.activities.length - activities.length,
      linked: await linkedRecords(ctx.app, who.user, record),
    }
    return pageReply(200, pages[type](view))
  }),
})

export const recordDetailRoutes: ReadonlyArray<Route> = (Object.keys(pages) as ReadonlyArray<AssociationType>).map(
  detailRoute,
)
