import type { Activity, CrmRecord } from "@crmod-cti/emulator"
import { type Html, html } from "../html.js"
import type { Paged } from "../crm/paging.js"
import { crmLayout } from "../pages/layout.js"
import type { SignedIn } from "../session/signedIn.js"
import { activityTable } from "./activityTable.js"
import { card, type Field, fieldList, pageHeader } from "./fieldList.js"
import { pagingLinks } from "./pagingLinks.js"
import { detailUrl, recordLabel, recordLink } from "./recordLinks.js"

/** What a record's detail page shows: the record, the records it points to and its activities. */
export interface RecordPageView<R extends CrmRecord> {
  readonly who: SignedIn
  readonly record: R
  /** A page of them, newest first, of the channels the user may access. */
  readonly activities: Paged<Activity>
  /** How many activities of other channels are not shown. */
  readonly hiddenActivities: number
  /** A contact's account, a service request's contact and account… */
  readonly linked: ReadonlyArray<CrmRecord>
}

const linkedCard = (linked: ReadonlyArray<CrmRecord>) =>
  linked.length === 0
    ? ""
    : card(
        "Related Records",
        html`<ul class="link-list">${linked.map((record) => html`<li><span class="muted">${record.recordType}</span> ${recordLink(record)}</li>`)}</ul>`,
      )

const activitiesCard = (view: RecordPageView<CrmRecord>) =>
  card(
    "Activities",
    html`${activityTable(view.activities.rows, "No activities yet.", { id: "related-activities" })}
${pagingLinks(view.activities, (before) => `${detailUrl(view.record.recordType, view.record.id)}${before === undefined ? "" : `&before=${before}`}`, "activity-pages")}
${view.hiddenActivities > 0 && html`<p class="muted">${view.hiddenActivities} activities of channels you have no access to are not shown.</p>`}`,
    { id: "activities" },
  )

/** The layout every record type's detail page shares; each page chooses its fields. */
export const recordPage = (view: RecordPageView<CrmRecord>, fields: ReadonlyArray<Field>): Html =>
  crmLayout({
    title: recordLabel(view.record),
    who: view.who,
    section: "records",
    body: html`${pageHeader(recordLabel(view.record), { kicker: view.record.recordType })}
<div class="detail-grid" data-record-type="${view.record.recordType}" data-record-id="${view.record.id}">
  ${card(`${view.record.recordType} Details`, fieldList(fields), { id: "details" })}
  ${linkedCard(view.linked)}
</div>
${activitiesCard(view)}`,
  })
