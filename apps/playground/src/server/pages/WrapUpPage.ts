import type { Activity, CrmRecord } from "@crmod-cti/emulator"
import { ctiButtonAttributes } from "@crmod-cti/ui-controls"
import { CallResults, MaxNotesLength } from "../crm/callResults.js"
import { attributes, type Html, html } from "../html.js"
import type { SignedIn } from "../session/signedIn.js"
import { card, notice, pageHeader } from "../views/fieldList.js"
import { activityLabel, detailUrl, wrapUpUrl } from "../views/recordLinks.js"
import { formatTime } from "../views/time.js"
import { activityFields, associatedRecordsList } from "./ActivityPage.js"
import { crmLayout, csrfField } from "./layout.js"

export interface WrapUpView {
  readonly who: SignedIn
  readonly activity: Activity
  readonly records: ReadonlyArray<CrmRecord>
  /** The values to show: the activity's, or the ones just sent back with an error. */
  readonly notes: string
  readonly callResult: string
  readonly error?: string
}

const callResultSelect = (selected: string) =>
  html`<select name="callResult" id="wrapup-call-result">
  <option value="">— Select —</option>
  ${CallResults.map((result) => html`<option value="${result}"${result === selected ? html` selected` : ""}>${result}</option>`)}
</select>`

/**
 * The wrap-up edit page the CTICommand servlet's `WrapUp` opens: notes, call result, and the Save button the CTI
 * application watches (`id="CTIWrapUp_Save" data-cti-action="endWrapUp" data-cti-interactionId="…"`).
 */
export const wrapUpPage = (view: WrapUpView): Html => {
  const { activity } = view
  const save = ctiButtonAttributes("endWrapUp", activity.interaction.InteractionId)
  return crmLayout({
    title: `Wrap-up: ${activityLabel(activity)}`,
    who: view.who,
    section: "communications",
    body: html`${pageHeader(activityLabel(activity), { kicker: "Activity Wrap-up" })}
${view.error !== undefined && notice("error", view.error)}
${activity.wrappedUpAt !== undefined && notice("info", `This activity was wrapped up on ${formatTime(activity.wrappedUpAt)}. Saving updates its notes and call result.`)}
<div class="detail-grid">
  ${card(
    "Wrap-up",
    html`<form class="form" method="post" action="${wrapUpUrl(activity.id)}" id="wrapup-form">
  ${csrfField(view.who)}
  <label class="form-row"><span>Call Result</span>${callResultSelect(view.callResult)}</label>
  <label class="form-row"><span>Notes</span>
    <textarea name="notes" id="wrapup-notes" rows="8" maxlength="${MaxNotesLength}">${view.notes}</textarea></label>
  <div class="form-actions">
    <button type="submit" class="button button-primary" ${attributes(save)}>Save</button>
    <a class="button button-secondary" href="${detailUrl("Activity", activity.id)}">Cancel</a>
  </div>
</form>`,
    { id: "wrap-up" },
  )}
  <div class="stack">
    ${card("Activity", activityFields(activity))}
    ${card("Associated Records", associatedRecordsList(view.records))}
  </div>
</div>`,
  })
}
