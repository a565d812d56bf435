import type { Paged } from "../crm/paging.js"
import { type Html, html } from "../html.js"

/** Links to the newer and older pages of a list, where there are any (`data-page` names the page linked). */
export const pagingLinks = (paged: Paged<unknown>, hrefFor: (page: number) => string, id: string): Html | "" =>
  paged.hasNewer || paged.hasOlder
    ? html`<nav class="paging" id="${id}" aria-label="Pages">${
        paged.hasNewer
          ? html`<a class="button button-secondary button-small" rel="prev" data-page="${paged.page - 1}" href="${hrefFor(paged.page - 1)}">Newer</a>`
          : ""
      } <span class="muted">Page ${paged.page}</span> ${
        paged.hasOlder
          ? html`<a class="button button-secondary button-small" rel="next" data-page="${paged.page + 1}" href="${hrefFor(paged.page + 1)}">Older</a>`
          : ""
      }</nav>`
    : ""
