import type { BrowserOutboxStats, DeadLetter, ExchangeRecord } from "@crmod-cti/outbox/browser"
import { h, replaceChildren } from "../dom.js"
import { formatClock } from "../format.js"
import { card, pill } from "./card.js"

export interface OutboxCard {
  readonly element: HTMLElement
  /** The queue's counts and who delivers. */
  readonly showStats: (stats: BrowserOutboxStats, deadLetters: ReadonlyArray<DeadLetter>) => void
  /** One HTTP exchange of a delivery: the SOAP request (password masked) and the answer. */
  readonly addExchange: (exchange: ExchangeRecord) => void
}

/** Exchanges kept on screen, newest first. */
const MaxExchanges = 20

const count = (label: string, value: number, tone: "neutral" | "ok" | "busy" | "warning" | "error") =>
  h(
    "div",
    { class: "sp-outbox-count", "data-count": label },
    h("dt", {}, label),
    h("dd", {}, pill(String(value), tone)),
  )

/**
 * The outbox the softphone logs through: pending, delivered and dead letters, which tab delivers, and the wire —
 * each SOAP request sent and its answer.
 */
export const createOutboxCard = (options: { readonly onRetryDeadLetters: () => void }): OutboxCard => {
  const roleSlot = h("span", { class: "sp-status-slot" })
  const counts = h("dl", { class: "sp-outbox-counts", "aria-label": "Outbox counts" })
  const paused = h("p", { class: "sp-error", role: "alert", hidden: true })
  const dead = h("ul", { class: "sp-outbox-dead", "aria-label": "Dead letters" })
  const retry = h("button", { type: "button", class: "sp-button", hidden: true }, "Retry dead letters")
  retry.addEventListener("click", options.onRetryDeadLetters)
  const wire = h("ol", { class: "sp-wire", "aria-label": "SOAP exchanges" })
  const noWire = h("p", { class: "sp-empty" }, "No request sent yet.")

  const showStats = (stats: BrowserOutboxStats, deadLetters: ReadonlyArray<DeadLetter>): void => {
    const deadCount = Object.values(stats.deadLetters).reduce((sum, n) => sum + n, 0)
    replaceChildren(
      counts,
      count("Pending", stats.pending, stats.pending > 0 ? "busy" : "neutral"),
      count("Delivered", stats.delivered, stats.delivered > 0 ? "ok" : "neutral"),
      count("Dead letters", deadCount, deadCount > 0 ? "error" : "neutral"),
    )
    roleSlot.replaceChildren(
      stats.delivering ? pill("Delivering in this tab", "ok") : pill("Another tab delivers", "neutral"),
    )
    paused.hidden = stats.paused === null
    paused.textContent = stats.paused === null ? "" : `Delivery paused: ${stats.paused.message}`
    replaceChildren(
      dead,
      ...deadLetters.map((letter) =>
        h(
          "li",
          { class: "sp-outbox-dead-item" },
          `${letter.interaction.InteractionId} (${letter.operation}): ${letter.fault.message}`,
        ),
      ),
    )
    retry.hidden = deadLetters.length === 0
  }

  const addExchange = (exchange: ExchangeRecord): void => {
    noWire.remove()
    const outcome = exchange.error ?? `HTTP ${exchange.status}`
    wire.prepend(
      h(
        "li",
        { class: "sp-wire-item" },
        h(
          "details",
          {},
          h(
            "summary",
            {},
            `${formatClock(exchange.at)} ${exchange.operation} · ${outcome} · ${Math.round(exchange.durationMs)} ms`,
          ),
          h("p", { class: "sp-wire-label" }, `POST ${exchange.url}`),
          h("pre", { class: "sp-wire-body", "data-wire": "request" }, exchange.request),
          h("p", { class: "sp-wire-label" }, exchange.status === null ? "No answer" : `HTTP ${exchange.status}`),
          exchange.response === null
            ? undefined
            : h("pre", { class: "sp-wire-body", "data-wire": "response" }, exchange.response),
        ),
      ),
    )
    while (wire.childElementCount > MaxExchanges) wire.lastElementChild?.remove()
  }

  return {
    element: card(
      "Outbox",
      { className: "sp-outbox-card", aside: roleSlot },
      counts,
      paused,
      dead,
      retry,
      noWire,
      wire,
    ),
    showStats,
    addExchange,
  }
}
