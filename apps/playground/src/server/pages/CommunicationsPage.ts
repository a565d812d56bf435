import type { Activity, CommunicationsSubtab, CrmRecord } from "@crmod-cti/emulator"
import type { Paged } from "../crm/paging.js"
import { type Html, html } from "../html.js"
import type { SignedIn } from "../session/signedIn.js"
import { activityTable } from "../views/activityTable.js"
import { card, notice, pageHeader } from "../views/fieldList.js"
import { pagingLinks } from "../views/pagingLinks.js"
import { recordLink } from "../views/recordLinks.js"
import { CommunicationsPath, crmLayout } from "./layout.js"

/** Where the page's script listens for changes. */
export const CommunicationsEventsPath = `${CommunicationsPath}/events`

export interface CommunicationsView {
  readonly who: SignedIn
  readonly subtabs: ReadonlyArray<CommunicationsSubtab>
  /** Absent when the user may see no subtab. */
  readonly shown?: {
    readonly subtab: CommunicationsSubtab
    /** Each list newest first, a page of at most 100 rows. */
    readonly current: Paged<Activity>
    readonly completed: Paged<Activity>
    /** The paging parameters the lists were asked for, by name. */
    readonly positions: Readonly<Record<string, number | undefined>>
    /** The record each activity is about (the first associated of Service Request, Campaign, Contact…). */
    readonly regarding: ReadonlyMap<string, CrmRecord>
  }
  readonly completedDays: number
}

export const subtabUrl = (subtab: CommunicationsSubtab): string => `${CommunicationsPath}?subtab=${subtab}`

/** The paging parameters of the two lists. */
export const CurrentPageParameter = "currentBefore"
export const CompletedPageParameter = "completedBefore"

/** The subtab with each list at its page: the one named `parameter` at `before`, the other where it is. */
const listPageUrl = (
  shown: NonNullable<CommunicationsView["shown"]>,
  parameter: string,
  before: number | undefined,
) => {
  const positions = { ...shown.positions, [parameter]: before }
  const query = Object.entries(positions)
    .flatMap(([name, value]) => (value === undefined ? [] : [`&${name}=${value}`]))
    .join("")
  return `${subtabUrl(shown.subtab)}${query}`
}

const subtabNav = (view: CommunicationsView) =>
  html`<nav class="subtabs" aria-label="Communications">${view.subtabs.map(
    (subtab) =>
      html`<a class="subtab${subtab === view.shown?.subtab ? " current" : ""}" href="${subtabUrl(subtab)}" data-subtab="${subtab}"${subtab === view.shown?.subtab ? html` aria-current="page"` : ""}>${subtab}</a>`,
  )}</nav>`

const lists = (view: CommunicationsView, shown: NonNullable<CommunicationsView["shown"]>): Html => {
  const regarding = {
    heading: "Regarding",
    cell: (activity: Activity) => {
      const record = shown.regarding.get(activity.id)
      return record === undefined ? "" : recordLink(record)
    },
  }
  const lower = shown.subtab.toLowerCase()
  return html`<div id="communications-lists" data-subtab="${shown.subtab}" data-events="${CommunicationsEventsPath}">
${card(
  `Current ${shown.subtab} Interactions`,
  html`${activityTable(shown.current.rows, `No current ${lower} interactions.`, {
    id: "current-interactions",
    extra: regarding,
  })}${pagingLinks(shown.current, (before) => listPageUrl(shown, CurrentPageParameter, before), "current-pages")}`,
  { id: "current", actions: html`<span class="count">${shown.current.rows.length}</span>` },
)}
${card(
  `Completed ${shown.subtab} Interactions (last ${view.completedDays} days)`,
  html`${activityTable(
    shown.completed.rows,
    `No ${lower} interactions completed in the last ${view.completedDays} days.`,
    { id: "completed-interactions", extra: regarding },
  )}${pagingLinks(shown.completed, (before) => listPageUrl(shown, CompletedPageParameter, before), "completed-pages")}`,
  { id: "completed", actions: html`<span class="count">${shown.completed.rows.length}</span>` },
)}
</div>`
}

/**
 * The Communications tab: a subtab per channel the user has the Access privilege of, the agent's current
 * interactions first, then completed ones; `communications.js` keeps the lists live.
 */
export const communicationsPage = (view: CommunicationsView): Html =>
  crmLayout({
    title: view.shown === undefined ? "Communications" : `Communications: ${view.shown.subtab}`,
    who: view.who,
    section: "communications",
    scripts: view.shown === undefined ? [] : ["/static/communications.js"],
    body: html`${pageHeader(
      "Communications",
      view.shown === undefined
        ? {}
        : { actions: html`<span class="live-status" id="live-status" data-state="connecting">Connecting…</span>` },
    )}
${view.subtabs.length > 0 && subtabNav(view)}
${
  view.shown === undefined
    ? notice(
        "info",
        "You have no access to any communications channel. An administrator can grant you the Access Call, Chat, Email or Voicemail Communications privilege.",
      )
    : lists(view, view.shown)
}`,
  })
