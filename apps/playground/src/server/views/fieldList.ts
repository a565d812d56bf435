import { type Html, html, type Interpolation } from "../html.js"

export type Field = readonly [label: string, value: Interpolation]

const isEmpty = (value: Interpolation) => value === undefined || value === null || value === false || value === ""

/** A detail page's label/value pairs; empty values show as a dash so every field of the record type is seen. */
export const fieldList = (fields: ReadonlyArray<Field>): Html =>
  html`<dl class="fields">${fields.map(
    ([label, value]) =>
      html`<div class="field"><dt>${label}</dt><dd>${isEmpty(value) ? html`<span class="empty">—</span>` : value}</dd></div>`,
  )}</dl>`

/** A card: a titled panel of a page. */
export const card = (
  title: string,
  body: Interpolation,
  options: { readonly id?: string; readonly actions?: Html } = {},
) =>
  html`<section class="card"${options.id === undefined ? "" : html` id="${options.id}"`}>
  <header class="card-header"><h2>${title}</h2>${options.actions ?? ""}</header>
  <div class="card-body">${body}</div>
</section>`

export type NoticeKind = "success" | "info" | "error"

export const notice = (kind: NoticeKind, message: Interpolation): Html =>
  html`<div class="notice notice-${kind}" role="${kind === "error" ? "alert" : "status"}">${message}</div>`

/** A page's title bar: the record type or section above the title, and actions on the right. */
export const pageHeader = (title: string, options: { readonly kicker?: string; readonly actions?: Html } = {}) =>
  html`<div class="page-header">
  <div>${options.kicker === undefined ? "" : html`<p class="kicker">${options.kicker}</p>`}<h1>${title}</h1></div>
  ${options.actions === undefined ? "" : html`<div class="page-actions">${options.actions}</div>`}
</div>`
