import type { Paged } from "../crm/paging.js"
import { type Html, html } from "../html.js"

/**
 * Links to the newest page of a list and to the older rows that follow, where there are any. `hrefFor(undefined)`
 * is the newest page's address, `hrefFor(next)` the next one's.
 */
export const pagingLinks = (paged: Paged<unknown>, hrefFor: (before: number | undefined) => string, id: string) =>
  paged.isFirst && paged.next === undefined
    ? ""
    : (html`<nav class="paging" id="${id}" aria-label="Pages">${
        paged.isFirst
          ? ""
          : html`<a class="button button-secondary button-small" rel="first" href="${hrefFor(undefined)}">Newest</a>`
      }${
        paged.next === undefined
          ? ""
          : html`<a class="button button-secondary button-small" rel="next" href="${hrefFor(paged.next)}">Older</a>`
      }</nav>` satisfies Html | "")
