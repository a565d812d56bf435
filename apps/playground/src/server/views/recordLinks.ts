import type { AssociatedRecordType } from "@crmod-cti/core"
import type { Activity, CrmRecord } from "@crmod-cti/emulator"
import { type Html, html } from "../html.js"

/** The detail page of each record type (`CONTRACT.md` §2 leaves the layout of these URLs to us). */
export const DetailPaths = {
  Contact: "/OnDemand/user/ContactDetail",
  Account: "/OnDemand/user/AccountDetail",
  Lead: "/OnDemand/user/LeadDetail",
  "Service Request": "/OnDemand/user/ServiceRequestDetail",
  Campaign: "/OnDemand/user/CampaignDetail",
  Opportunity: "/OnDemand/user/OpportunityDetail",
  Activity: "/OnDemand/user/ActivityDetail",
} as const satisfies { readonly [T in AssociatedRecordType]: string }

export const detailUrl = (type: AssociatedRecordType, id: string): string =>
  `${DetailPaths[type]}?id=${encodeURIComponent(id)}`

/** The wrap-up edit page of an activity. */
export const WrapUpPath = "/OnDemand/user/ActivityWrapUp"
export const wrapUpUrl = (activityId: string): string => `${WrapUpPath}?id=${encodeURIComponent(activityId)}`

/** What a record is called in lists and links. */
export const recordLabel = (record: CrmRecord): string => {
  switch (record.recordType) {
    case "Contact":
    case "Lead":
      return record.fullName
    case "Service Request":
      return record.subject === "" ? record.number : `${record.number} — ${record.subject}`
    case "Account":
    case "Campaign":
    case "Opportunity":
      return record.name
  }
}

export const recordLink = (record: CrmRecord): Html =>
  html`<a href="${detailUrl(record.recordType, record.id)}">${recordLabel(record)}</a>`

/** An activity as its type and interaction: `Inbound Call 100000000000`. */
export const activityLabel = (activity: Activity): string => `${activity.subtype} ${activity.interaction.InteractionId}`

export const activityLink = (activity: Activity): Html =>
  html`<a href="${detailUrl("Activity", activity.id)}">${activityLabel(activity)}</a>`
