import { h } from "../dom.js"
import { formatClock } from "../format.js"
import { card } from "./card.js"

export type LogLevel = "info" | "success" | "warning" | "error"

export interface EventLog {
  readonly element: HTMLElement
  /** Add an entry at the top; `detail` is a second line, e.g. the kind of an error. */
  readonly add: (level: LogLevel, text: string, detail?: string) => void
}

/** Entries kept on screen; older ones are dropped so a long session stays light. */
const MaxEntries = 200

/** What the softphone did, newest first. Errors keep their full message. */
export const createEventLog = (now: () => number = Date.now): EventLog => {
  const list = h("ol", { class: "sp-log", "aria-live": "polite", "aria-relevant": "additions" })
  const empty = h("p", { class: "sp-empty" }, "Nothing yet.")
  const element = card("Event log", { className: "sp-log-card" }, empty, list)
  const add = (level: LogLevel, text: string, detail?: string): void => {
    empty.remove()
    const at = now()
    const entry = h(
      "li",
      { class: `sp-log-entry sp-log-${level}` },
      h("time", { datetime: new Date(at).toISOString() }, formatClock(at)),
      h("span", { class: "sp-log-text" }, text),
      detail === undefined ? undefined : h("span", { class: "sp-log-detail" }, detail),
    )
    list.prepend(entry)
    while (list.childElementCount > MaxEntries) list.lastElementChild?.remove()
  }
  return { element, add }
}
