import { h } from "../dom.js"
import { card, field, pill } from "./card.js"

export type ConnectionStatus = "disconnected" | "connected" | "verified" | "refused"

export interface ConnectionCard {
  readonly element: HTMLElement
  readonly setStatus: (status: ConnectionStatus) => void
}

const statusPills: { readonly [S in ConnectionStatus]: () => HTMLElement } = {
  disconnected: () => pill("Not connected", "neutral"),
  connected: () => pill("Connected", "busy"),
  verified: () => pill("Signed in", "ok"),
  refused: () => pill("Sign-in refused", "error"),
}

const statusTexts: { readonly [S in ConnectionStatus]: string } = {
  disconnected: "Connect to log interactions through the CTI Activity Web service.",
  connected: "Ready. The credentials are checked with the first request.",
  verified: "The CTI Activity Web service accepted the credentials.",
  refused: "The service refused the credentials: correct the password and connect again.",
}

/**
 * The CTI connection: the agent's sign-in id (the page's) and password. Connecting only creates the client; the
 * Web service is stateless, so the credentials travel with, and are checked by, every request.
 */
export const createConnectionCard = (options: {
  readonly signInId: string
  readonly password: string | null
  readonly onConnect: (password: string) => void
}): ConnectionCard => {
  const statusSlot = h("span", { class: "sp-status-slot" })
  const statusText = h("p", { class: "sp-status-text", role: "status" })
  const signInId = h("input", {
    type: "text",
    name: "signInId",
    value: options.signInId,
    readonly: true,
    autocomplete: "username",
  })
  const password = h("input", {
    type: "password",
    name: "password",
    value: options.password ?? "",
    required: true,
    autocomplete: "current-password",
  })
  const connect = h("button", { type: "submit", class: "sp-button sp-button-primary" }, "Connect")
  const form = h(
    "form",
    { class: "sp-form sp-connection-form", "aria-label": "CTI connection" },
    field("Sign-in id", signInId),
    field("Password", password),
    h("div", { class: "sp-connection-status sp-span" }, statusText, connect),
  )
  form.addEventListener("submit", (event) => {
    event.preventDefault()
    options.onConnect(password.value)
  })
  const setStatus = (status: ConnectionStatus): void => {
    statusSlot.replaceChildren(statusPills[status]())
    statusText.textContent = statusTexts[status]
    connect.textContent = status === "disconnected" ? "Connect" : "Reconnect"
  }
  setStatus("disconnected")
  return { element: card("CTI connection", { aside: statusSlot }, form), setStatus }
}
