import type { InsertResult } from "@crmod-cti/core"
import type { ErrorDescription } from "../describeError.js"
import { h, replaceChildren } from "../dom.js"
import { summarizeInsertResult } from "../resultSummary.js"
import { card, pill } from "./card.js"

export interface ResultCard {
  readonly element: HTMLElement
  /** The answer of `CTIActivityInsert` for an interaction described by `title` (and `context`, e.g. where it was dialled). */
  readonly showResult: (title: string, result: InsertResult, context?: string) => void
  /** A request that failed as a whole (a fault or a transport error). */
  readonly showError: (title: string, error: ErrorDescription) => void
}

const statusTone = (status: InsertResult["Status"]) =>
  status === "OK" ? "ok" : status === "Activity already exists" ? "warning" : "error"

/** The last `CTIActivityInsert` answer: status, activity, associated records and the screen-pop suggestion. */
export const createResultCard = (): ResultCard => {
  const statusSlot = h("span", { class: "sp-status-slot" })
  const body = h("div", { class: "sp-result", role: "status", "aria-live": "polite" })
  replaceChildren(body, h("p", { class: "sp-empty" }, "No interaction logged yet."))
  return {
    element: card("Last result", { className: "sp-result-card", aside: statusSlot }, body),
    showResult: (title, result, context) => {
      statusSlot.replaceChildren(pill(result.Status, statusTone(result.Status)))
      replaceChildren(
        body,
        h("p", { class: "sp-result-title" }, title),
        context === undefined ? undefined : h("p", { class: "sp-result-context" }, context),
        h(
          "dl",
          { class: "sp-details" },
          ...summarizeInsertResult(result).flatMap((row) => [h("dt", {}, row.label), h("dd", {}, row.value)]),
        ),
      )
    },
    showError: (title, error) => {
      statusSlot.replaceChildren(pill("Failed", "error"))
      replaceChildren(
        body,
        h("p", { class: "sp-result-title" }, title),
        h("p", { class: "sp-error", role: "alert" }, h("strong", {}, `${error.kind}: `), error.message),
      )
    },
  }
}
