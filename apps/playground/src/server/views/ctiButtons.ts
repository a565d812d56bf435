import type { ActivityType } from "@crmod-cti/core"
import type { Activity } from "@crmod-cti/emulator"
import { type CtiButtonAction, ctiButtonAttributes } from "@crmod-cti/ui-controls"
import { attributes, type Html, html } from "../html.js"

type ChannelButton = readonly [action: CtiButtonAction, label: string]

const history: ChannelButton = ["openHistory", "View Interaction History"]

/** The CTI buttons of an activity's detail page, by channel (`oracle-facts.md`; `reassignVmail` by `CONTRACT.md`). */
const buttonsByType: { readonly [T in ActivityType]: ReadonlyArray<ChannelButton> } = {
  Call: [history],
  Callback: [history],
  Chat: [["openChat", "View Chat"], history],
  Email: [["openEmail", "Open Email"], ["reassignEmail", "Reassign"], history],
  Voicemail: [
    ["openVmail", "Listen to Vmail"],
    ["vmailOnPhone", "Listen to Vmail on Phone"],
    ["reassignVmail", "Reassign"],
    history,
  ],
}

/**
 * CRM On Demand performs no CTI action itself: its buttons only carry `data-cti-*` attributes, and the CTI
 * application (the softphone) acts on their clicks.
 */
export const ctiButtons = (activity: Activity): Html =>
  html`<div class="button-row">${buttonsByType[activity.type].map(
    ([action, label]) =>
      html`<button type="button" class="button button-secondary" ${attributes(ctiButtonAttributes(action, activity.interaction.InteractionId))}>${label}</button>`,
  )}</div>`
