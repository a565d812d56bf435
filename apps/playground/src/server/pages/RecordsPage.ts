import type { CrmRecord, CrmRecordType } from "@crmod-cti/emulator"
import type { Paged } from "../crm/paging.js"
import { type Html, html } from "../html.js"
import type { SignedIn } from "../session/signedIn.js"
import { card, pageHeader } from "../views/fieldList.js"
import { phoneLink } from "../views/phoneLink.js"
import { pagingLinks } from "../views/pagingLinks.js"
import { recordLink } from "../views/recordLinks.js"
import { crmLayout, RecordsPath } from "./layout.js"

export interface RecordsView {
  readonly who: SignedIn
  /** Each record type with a page of its records (at most 100). */
  readonly groups: ReadonlyArray<readonly [CrmRecordType, Paged<CrmRecord>]>
}

const plural: { readonly [T in CrmRecordType]: string } = {
  Contact: "Contacts",
  Account: "Accounts",
  Lead: "Leads",
  "Service Request": "Service Requests",
  Campaign: "Campaigns",
  Opportunity: "Opportunities",
}

/** The record types the page lists, in its order. */
export const RecordTypes = Object.keys(plural) as ReadonlyArray<CrmRecordType>

/** The phone numbers of a record, each a Click-to-Dial link, and what else identifies it. */
const contactDetails = (record: CrmRecord): Html => {
  const dial = { recordType: record.recordType, id: record.id }
  const phones = (labelled: ReadonlyArray<readonly [string, string | undefined]>) =>
    labelled.flatMap(([label, phone]) =>
      phone === undefined
        ? []
        : [html`<span class="phone-entry"><span class="muted">${label}</span> ${phoneLink(phone, dial)}</span>`],
    )
  switch (record.recordType) {
    case "Contact":
      return html`${phones([
        ["Work", record.workPhone],
        ["Home", record.homePhone],
        ["Mobile", record.mobilePhone],
      ])}${record.email !== undefined && html`<span class="phone-entry">${record.email}</span>`}`
    case "Lead":
      return html`${phones([
        ["Work", record.workPhone],
        ["Mobile", record.mobilePhone],
      ])}${record.email !== undefined && html`<span class="phone-entry">${record.email}</span>`}`
    case "Account":
      return html`${phones([["Main", record.mainPhone]])}`
    case "Service Request":
      return html`<span class="muted">SR Number</span> ${record.number}`
    case "Campaign":
      return html`${record.sourceCode !== undefined && html`<span class="muted">Source Code</span> ${record.sourceCode}`}`
    case "Opportunity":
      return html``
  }
}

/** The company's records by type, so each detail page (and each Click-to-Dial link) can be reached. */
export const recordsPage = (view: RecordsView): Html =>
  crmLayout({
    title: "Records",
    who: view.who,
    section: "records",
    body: html`${pageHeader("Records", { kicker: view.who.user.company })}
<div class="records-grid">${view.groups.map(([type, records]) =>
      card(
        plural[type],
        html`<table class="data-table compact"><tbody>${records.rows.map(
          (record) =>
            html`<tr><td>${recordLink(record)}</td><td class="contact-details">${contactDetails(record)}</td></tr>`,
        )}</tbody></table>${pagingLinks(records, (before) => `${RecordsPath}?type=${encodeURIComponent(type)}${before === undefined ? "" : `&before=${before}`}`, `${type.toLowerCase().replaceAll(" ", "-")}-pages`)}`,
      ),
    )}</div>`,
  })
