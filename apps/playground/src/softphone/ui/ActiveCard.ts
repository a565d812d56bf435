import { activityTypeOf } from "@crmod-cti/core"
import { h, replaceChildren } from "../dom.js"
import { formatDuration } from "../format.js"
import type { TrackedInteraction } from "../InteractionBoard.js"
import { customerName } from "../resultSummary.js"
import { card, pill } from "./card.js"

export interface ActiveCard {
  readonly element: HTMLElement
  readonly render: (open: ReadonlyArray<TrackedInteraction>) => void
  /** Move the timers on (called every second). */
  readonly tick: () => void
}

// The time each interaction has been in its state: talking since it started, in wrap-up since the hang-up.
const elapsed = (tracked: TrackedInteraction, now: number): string =>
  formatDuration(now - (tracked.state === "Wrap-up" ? (tracked.hungUpAt ?? tracked.startedAt) : tracked.startedAt))

/** The agent's interactions in progress, each with its live state, timer and next step. */
export const createActiveCard = (options: {
  readonly onHangUp: (interactionId: string) => void
  readonly onOpenWrapUp: (interactionId: string) => void
  readonly now?: () => number
}): ActiveCard => {
  const now = options.now ?? Date.now
  const list = h("ul", { class: "sp-active-list" })
  const empty = h("p", { class: "sp-empty" }, "No interaction in progress.")
  const countSlot = h("span", { class: "sp-status-slot" })
  const timers = new Map<HTMLElement, TrackedInteraction>()

  const item = (tracked: TrackedInteraction): HTMLElement => {
    const { interaction, result, state } = tracked
    const id = interaction.InteractionId
    const isCall = activityTypeOf(interaction.ChannelType) === "Call"
    const timer = h(
      "span",
      { class: "sp-timer", role: "timer", "aria-label": `${state} time` },
      elapsed(tracked, now()),
    )
    timers.set(timer, tracked)
    const name = customerName(result)
    const action =
      state === "Active"
        ? h(
            "button",
            {
              type: "button",
              class: "sp-button sp-button-danger",
              "aria-label": `Hang up ${interaction.ChannelType} ${id}`,
            },
            isCall ? "Hang up" : "End",
          )
        : h(
            "button",
            { type: "button", class: "sp-button", "aria-label": `Open the wrap-up page of ${id}` },
            "Open wrap-up",
          )
    action.addEventListener("click", () => (state === "Active" ? options.onHangUp(id) : options.onOpenWrapUp(id)))
    return h(
      "li",
      { class: `sp-active sp-active-${state === "Active" ? "live" : "wrapup"}`, "data-interaction-id": id },
      h(
        "div",
        { class: "sp-active-head" },
        h("span", { class: "sp-channel" }, interaction.ChannelType),
        pill(state === "Active" ? (isCall ? "On call" : "Active") : "Wrap-up", state === "Active" ? "ok" : "warning"),
        timer,
      ),
      h("p", { class: "sp-party" }, name === undefined ? tracked.party : `${name} · ${tracked.party}`),
      h("p", { class: "sp-meta" }, `Interaction ${id} · activity ${result.ActivityId ?? "?"}`),
      h("div", { class: "sp-active-action" }, action),
    )
  }

  const render = (open: ReadonlyArray<TrackedInteraction>): void => {
    timers.clear()
    replaceChildren(list, ...open.map(item))
    empty.hidden = open.length > 0
    countSlot.replaceChildren(pill(String(open.length), open.length > 0 ? "ok" : "neutral"))
  }
  render([])
  return {
    element: card("Active interactions", { className: "sp-active-card", aside: countSlot }, empty, list),
    render,
    tick: () => {
      const at = now()
      for (const [timer, tracked] of timers) timer.textContent = elapsed(tracked, at)
    },
  }
}
