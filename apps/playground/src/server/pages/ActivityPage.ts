import type { Activity, CrmRecord } from "@crmod-cti/emulator"
import { type Html, html } from "../html.js"
import type { SignedIn } from "../session/signedIn.js"
import { ctiButtons } from "../views/ctiButtons.js"
import { card, fieldList, notice, pageHeader } from "../views/fieldList.js"
import { addressView, phoneLink } from "../views/phoneLink.js"
import { activityLabel, recordLink, wrapUpUrl } from "../views/recordLinks.js"
import { formatEpochSeconds, formatTime } from "../views/time.js"
import { crmLayout } from "./layout.js"

/** What the wrap-up page's save reported, shown once after its redirect. */
export type WrapUpSaved = "ok" | "already"

export interface ActivityView {
  readonly who: SignedIn
  readonly activity: Activity
  /** The records the activity is associated with. */
  readonly records: ReadonlyArray<CrmRecord>
  readonly saved?: WrapUpSaved
}

const savedNotice = (saved: WrapUpSaved) =>
  saved === "ok"
    ? notice("success", "Wrap-up saved. The interaction is complete.")
    : notice("info", "Wrap-up saved. The activity had already been wrapped up; its notes and call result are updated.")

const wrapUpCard = (activity: Activity): Html =>
  activity.wrappedUpAt === undefined
    ? card(
        "Wrap-up",
        html`<p>This interaction is current: it has not been wrapped up yet.</p>
<p><a class="button button-primary" href="${wrapUpUrl(activity.id)}">Wrap Up</a></p>`,
        { id: "wrap-up" },
      )
    : card(
        "Wrap-up",
        fieldList([
          ["Wrapped Up", formatTime(activity.wrappedUpAt)],
          ["Call Result", activity.callResult],
          ["Notes", activity.wrapUpNotes !== undefined && html`<span class="notes">${activity.wrapUpNotes}</span>`],
        ]),
        { id: "wrap-up", actions: html`<a class="button button-secondary" href="${wrapUpUrl(activity.id)}">Edit</a>` },
      )

/** The fields of an activity as the CTI application inserted it, shared with the wrap-up page. */
export const activityFields = (activity: Activity) => {
  const interaction = activity.interaction
  const dial = { recordType: "Activity", id: activity.id } as const
  return fieldList([
    ["Type", activity.type],
    ["Channel Type", activity.subtype],
    ["Interaction Id", interaction.InteractionId],
    ["Agent Offer Time", formatEpochSeconds(interaction.AgentOfferTime)],
    ["Origin", addressView(interaction.Origin, dial)],
    ["Destination", addressView(interaction.Destination, dial)],
    ["Queue", interaction.Queue],
    ["Priority", interaction.Priority],
    ["IVR Begin Time", interaction.IVRBeginTime !== undefined && formatEpochSeconds(interaction.IVRBeginTime)],
    ["Queue Begin Time", interaction.QueueBeginTime !== undefined && formatEpochSeconds(interaction.QueueBeginTime)],
    [
      "Contact Phone # (IVR)",
      interaction.ContactPhoneNumber !== undefined && phoneLink(interaction.ContactPhoneNumber, dial),
    ],
    ["SR Number (IVR)", interaction.ServiceRequestNumber],
    ["Campaign Source Code (IVR)", interaction.CampaignSourceCode],
    ["Owner", activity.owner],
    ["Created", formatTime(activity.createdAt)],
    ["Activity Id", activity.id],
  ])
}

export const associatedRecordsList = (records: ReadonlyArray<CrmRecord>): Html =>
  records.length === 0
    ? html`<p class="empty-state">No record is associated with this activity.</p>`
    : html`<ul class="link-list" id="associated-records">${records.map(
        (record) =>
          html`<li data-record-type="${record.recordType}" data-record-id="${record.id}"><span class="muted">${record.recordType}</span> ${recordLink(record)}</li>`,
      )}</ul>`

export const activityPage = (view: ActivityView): Html =>
  crmLayout({
    title: activityLabel(view.activity),
    who: view.who,
    section: "communications",
    body: html`${view.saved !== undefined && savedNotice(view.saved)}
${pageHeader(activityLabel(view.activity), { kicker: `${view.activity.type} Activity` })}
<div class="detail-grid" data-record-type="Activity" data-record-id="${view.activity.id}">
  ${card("Activity Details", activityFields(view.activity), { id: "details" })}
  <div class="stack">
    ${card("Interaction", ctiButtons(view.activity), { id: "interaction-controls" })}
    ${card("Associated Records", associatedRecordsList(view.records))}
    ${wrapUpCard(view.activity)}
  </div>
</div>`,
  })
