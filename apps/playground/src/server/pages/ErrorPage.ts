import { type Html, html, type Interpolation } from "../html.js"
import type { SignedIn } from "../session/signedIn.js"
import { bareLayout, CommunicationsPath, crmLayout } from "./layout.js"

export interface ErrorView {
  readonly status: number
  readonly title: string
  readonly message: Interpolation
  /** Shown in the CRM's layout when signed in. */
  readonly who?: SignedIn | undefined
}

/** A page that says what went wrong in words, never with a stack trace. */
export const errorPage = (view: ErrorView): Html => {
  const body = html`<section class="card error-card" data-status="${view.status}">
  <div class="card-body">
    <p class="error-status">Error ${view.status}</p>
    <h1>${view.title}</h1>
    <div class="error-message">${view.message}</div>
    <p class="error-actions"><a class="button button-secondary" href="${CommunicationsPath}">Go to Communications</a></p>
  </div>
</section>`
  return view.who === undefined ? bareLayout(view.title, body) : crmLayout({ title: view.title, who: view.who, body })
}
