import { escapeHtml, renderAttributes } from "@crmod-cti/ui-controls"

/** Markup that is already safe: the result of `html` templates and of the few builders below. */
export class Html {
  constructor(readonly markup: string) {}
}

/** What a template may interpolate: markup as it is, text escaped, `false`/`null`/`undefined` as nothing. */
export type Interpolation = Html | string | number | false | null | undefined | ReadonlyArray<Interpolation>

const render = (value: Interpolation): string => {
  if (value instanceof Html) return value.markup
  if (Array.isArray(value)) return value.map(render).join("")
  if (value === false || value === null || value === undefined) return ""
  return escapeHtml(String(value))
}

/**
 * Server-side HTML: every interpolated value is HTML-escaped unless it is `Html` already, so user-supplied text
 * can only ever appear as text. Interpolate inside quoted attribute values or element content only.
 */
export const html = (strings: TemplateStringsArray, ...values: ReadonlyArray<Interpolation>): Html => {
  let markup = strings[0] ?? ""
  values.forEach((value, index) => {
    markup += render(value) + (strings[index + 1] ?? "")
  })
  return new Html(markup)
}

/** Attributes (`name="value" …`) with escaped values, through ui-controls' renderer (it checks the names). */
export const attributes = (record: Readonly<Record<string, string>>): Html => new Html(renderAttributes(record))

// `<`, `>` and `&` as JSON escapes: the JSON cannot close its `<script>` element or open a comment.
const scriptUnsafe: Readonly<Record<string, string>> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
}

/** A `<script type="application/json">` data block (not executed, so the CSP allows it). */
export const jsonScript = (id: string, value: unknown): Html =>
  html`<script type="application/json" id="${id}">${new Html(
    JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (character) => scriptUnsafe[character]!),
  )}</script>`
