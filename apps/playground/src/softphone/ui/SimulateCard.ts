import {
  ChannelSpecs,
  DefaultQueue,
  isSimulatedChannel,
  type SimulatedChannel,
  SimulatedChannels,
} from "../channels.js"
import { h } from "../dom.js"
import type { InboundInput } from "../interactions.js"
import { card, field } from "./card.js"

export interface SimulateCard {
  readonly element: HTMLElement
  /** Disable the form while the softphone is not connected or a request is on its way. */
  readonly setEnabled: (enabled: boolean) => void
}

/** Where the customer's end is pre-filled from, by kind of address. */
export interface Prefill {
  readonly phone: string
  readonly email: string
}

/**
 * "Simulate an inbound interaction": a customer calls, chats, emails or leaves a voicemail. The from and to fields
 * follow the channel (a phone number or an email address) until the agent edits them.
 */
export const createSimulateCard = (options: {
  readonly prefill: Prefill
  readonly onSimulate: (input: InboundInput) => void
}): SimulateCard => {
  const channel = h(
    "select",
    { name: "channel" },
    ...SimulatedChannels.map((name) => h("option", { value: name }, name)),
  )
  const from = h("input", { type: "text", name: "from", autocomplete: "off", spellcheck: "false" })
  const to = h("input", { type: "text", name: "to", autocomplete: "off", spellcheck: "false" })
  const queue = h("input", { type: "text", name: "queue", value: DefaultQueue, autocomplete: "off" })
  const simulate = h("button", { type: "submit", class: "sp-button sp-button-primary" }, "Simulate")
  const fieldset = h(
    "fieldset",
    { class: "sp-fieldset sp-simulate-form" },
    field("Channel", channel),
    field("Queue", queue),
    field("From (customer)", from),
    field("To", to),
    h("div", { class: "sp-actions sp-span" }, simulate),
  )
  const form = h("form", { class: "sp-form", "aria-label": "Simulate an inbound interaction" }, fieldset)

  // A field the agent typed in keeps its value when the channel changes.
  const edited = new Set<HTMLInputElement>()
  for (const input of [from, to]) input.addEventListener("input", () => edited.add(input))
  const selected = (): SimulatedChannel => (isSimulatedChannel(channel.value) ? channel.value : "Call")
  const applyPrefill = (): void => {
    const spec = ChannelSpecs[selected()]
    if (!edited.has(from)) from.value = options.prefill[spec.address]
    if (!edited.has(to)) to.value = spec.to
  }
  channel.addEventListener("change", applyPrefill)
  applyPrefill()

  form.addEventListener("submit", (event) => {
    event.preventDefault()
    options.onSimulate({ channel: selected(), from: from.value, to: to.value, queue: queue.value })
  })
  return {
    element: card("Simulate an inbound interaction", {}, form),
    setEnabled: (enabled) => {
      fieldset.disabled = !enabled
    },
  }
}
