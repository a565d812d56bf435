import type { Activity } from "@crmod-cti/emulator"
import { type Html, html, type Interpolation } from "../html.js"
import { activityLink, wrapUpUrl } from "./recordLinks.js"
import { addressView } from "./phoneLink.js"
import { formatTime } from "./time.js"

const status = (activity: Activity): Html =>
  activity.wrappedUpAt === undefined
    ? html`<span class="badge badge-current">Current</span> <a class="row-action" href="${wrapUpUrl(activity.id)}">Wrap up</a>`
    : html`<span class="badge badge-done">Wrapped up</span> <span class="muted">${formatTime(activity.wrappedUpAt)}</span>`

export interface ActivityColumns {
  /** An extra column after the addresses (the Communications tab's "Regarding"). */
  readonly extra?: { readonly heading: string; readonly cell: (activity: Activity) => Interpolation }
}

/**
 * Activities as a table, one row each (`data-activity-id`), the Origin and Destination phone numbers as
 * Click-to-Dial links of the activity.
 */
export const activityTable = (
  activities: ReadonlyArray<Activity>,
  empty: string,
  options: ActivityColumns & { readonly id?: string } = {},
): Html => {
  if (activities.length === 0)
    return html`<p class="empty-state"${options.id === undefined ? "" : html` id="${options.id}"`}>${empty}</p>`
  const dial = (activity: Activity) => ({ recordType: "Activity" as const, id: activity.id })
  return html`<div class="table-wrap"><table class="data-table"${options.id === undefined ? "" : html` id="${options.id}"`}>
<thead><tr><th scope="col">Started</th><th scope="col">Interaction</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Queue</th>${options.extra !== undefined && html`<th scope="col">${options.extra.heading}</th>`}<th scope="col">Status</th></tr></thead>
<tbody>${activities.map(
    (
      activity,
    ) => html`<tr data-activity-id="${activity.id}" data-interaction-id="${activity.interaction.InteractionId}">
<td class="nowrap">${formatTime(activity.createdAt)}</td>
<td>${activityLink(activity)}</td>
<td>${addressView(activity.interaction.Origin, dial(activity))}</td>
<td>${addressView(activity.interaction.Destination, dial(activity))}</td>
<td>${activity.interaction.Queue}</td>
${options.extra !== undefined && html`<td>${options.extra.cell(activity)}</td>`}
<td class="nowrap">${status(activity)}</td>
</tr>`,
  )}</tbody>
</table></div>`
}
