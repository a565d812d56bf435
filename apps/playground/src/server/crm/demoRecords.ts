import type { AssociationType } from "@crmod-cti/core"
import { DemoTenant } from "@crmod-cti/emulator"

/**
 * The demo tenant's records by type, for the Records page. The emulator has no query listing a company's
 * records, so the page lists the seeded ones (and looks each up, so it shows them as they are now).
 */
export const demoRecordIds: ReadonlyArray<readonly [AssociationType, ReadonlyArray<string>]> = [
  ["Contact", (DemoTenant.contacts ?? []).map((record) => record.id)],
  ["Account", (DemoTenant.accounts ?? []).map((record) => record.id)],
  ["Lead", (DemoTenant.leads ?? []).map((record) => record.id)],
  ["Service Request", (DemoTenant.serviceRequests ?? []).map((record) => record.id)],
  ["Campaign", (DemoTenant.campaigns ?? []).map((record) => record.id)],
  ["Opportunity", (DemoTenant.opportunities ?? []).map((record) => record.id)],
]
