import { h, replaceChildren } from "../dom.js"
import { formatClock, formatDuration } from "../format.js"
import type { TrackedInteraction } from "../InteractionBoard.js"
import { customerName } from "../resultSummary.js"
import { card } from "./card.js"

export interface HistoryCard {
  readonly element: HTMLElement
  readonly render: (done: ReadonlyArray<TrackedInteraction>) => void
}

/** Interactions whose wrap-up was saved in this session, most recent first. */
export const createHistoryCard = (): HistoryCard => {
  const list = h("ul", { class: "sp-history" })
  const empty = h("p", { class: "sp-empty" }, "No completed interaction yet.")
  const render = (done: ReadonlyArray<TrackedInteraction>): void => {
    empty.hidden = done.length > 0
    replaceChildren(
      list,
      ...done.map((tracked) => {
        const name = customerName(tracked.result)
        const handled = formatDuration((tracked.hungUpAt ?? tracked.startedAt) - tracked.startedAt)
        return h(
          "li",
          { class: "sp-history-item", "data-interaction-id": tracked.interaction.InteractionId },
          h("span", { class: "sp-channel" }, tracked.interaction.ChannelType),
          h("span", { class: "sp-party" }, name ?? tracked.party),
          h(
            "span",
            { class: "sp-meta" },
            `${handled} · completed ${formatClock(tracked.doneAt ?? tracked.startedAt)} · ${tracked.result.ActivityId ?? ""}`,
          ),
        )
      }),
    )
  }
  render([])
  return { element: card("Completed", { className: "sp-history-card" }, empty, list), render }
}
