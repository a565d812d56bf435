import { type Child, h, uniqueId } from "../dom.js"

/** A titled card of the softphone; its title labels it for assistive technology. */
export const card = (
  title: string,
  options: { readonly className?: string; readonly aside?: Child },
  ...body: ReadonlyArray<Child>
): HTMLElement => {
  const titleId = uniqueId("card-title")
  return h(
    "section",
    { class: `sp-card ${options.className ?? ""}`.trim(), "aria-labelledby": titleId },
    h("header", { class: "sp-card-header" }, h("h3", { id: titleId }, title), options.aside),
    ...body,
  )
}

/** A labelled form field: the label is tied to the control by `for`/`id`. */
export const field = (label: string, control: HTMLElement): HTMLElement => {
  if (control.id === "") control.id = uniqueId("field")
  return h("div", { class: "sp-field" }, h("label", { for: control.id }, label), control)
}

/** A state pill (status colour by `tone`). */
export const pill = (text: string, tone: "neutral" | "ok" | "busy" | "warning" | "error"): HTMLElement =>
  h("span", { class: `sp-pill sp-pill-${tone}` }, text)
