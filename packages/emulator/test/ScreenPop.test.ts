import type { Interaction } from "@crmod-cti/core"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { emulatorOf, interaction, tenantOf } from "./fixtures.js"

// A tenant in which every subset of the associated record types can be reached by one interaction.
const tenant = tenantOf("POP", {
  serviceRequests: [{ id: "1QA2-S1", number: "SR-1", subject: "alone" }],
  campaigns: [{ id: "1QA2-M1", name: "Campaign", sourceCode: "CODE" }],
  contacts: [{ id: "1QA2-C1", firstName: "Con", lastName: "Tact", homePhone: "1000" }],
  // The lead and the account share a number; each also has one of its own.
  leads: [
    { id: "1QA2-L1", firstName: "Le", lastName: "Ad", workPhone: "2000" },
    { id: "1QA2-L2", firstName: "Lee", lastName: "Ad", workPhone: "2001" },
  ],
  accounts: [
    { id: "1QA2-A1", name: "Account", mainPhone: "2000" },
    { id: "1QA2-A2", name: "Other", mainPhone: "2002" },
  ],
  opportunities: [{ id: "1QA2-O1", name: "Deal" }],
})

const types = ["Service Request", "Campaign", "Contact", "Lead", "Account", "Opportunity"] as const
const ids = {
  "Service Request": "1QA2-S1",
  Campaign: "1QA2-M1",
  Contact: "1QA2-C1",
  Lead: "1QA2-L1",
  Account: "1QA2-A1",
  Opportunity: "1QA2-O1",
} as const

const reaching = (subset: ReadonlySet<(typeof types)[number]>, n: number): Interaction => {
  const lead = subset.has("Lead")
  const account = subset.has("Account")
  const origin = lead && account ? "2000" : lead ? "2001" : account ? "2002" : undefined
  return interaction(`pop-${n}`, "Inbound Call", {
    ...(subset.has("Service Request") ? { ServiceRequestNumber: "SR-1" } : {}),
    ...(subset.has("Campaign") ? { CampaignSourceCode: "CODE" } : {}),
    ...(subset.has("Contact") ? { ContactPhoneNumber: "1000" } : {}),
    ...(origin === undefined ? {} : { Origin: origin }),
    ...(subset.has("Opportunity")
      ? { AssociatedRecordType: "Opportunity" as const, AssociatedRecordId: "1QA2-O1" }
      : {}),
  })
}

describe("screen-pop suggestion: Service Request, Campaign, Contact, Lead, Account, else the activity", () => {
  it.effect("for each of the 64 combinations of associated types, never Opportunity", () =>
    Effect.gen(function* () {
      const emulator = yield* emulatorOf(tenant)
      const subsets = Array.from(
        { length: 64 },
        (_, mask) => new Set(types.filter((_, bit) => (mask & (1 << bit)) !== 0)),
      )
      const sent = subsets.map(reaching)
      const results = (yield* Effect.forEach(
        Array.from({ length: 13 }, (_, batch) => sent.slice(batch * 5, batch * 5 + 5)),
        (batch) => emulator.serviceFor("POP/agent").insert(batch),
      )).flat()
      results.forEach((result, n) => {
        const subset = subsets[n]!
        const expected = types.find((type) => type !== "Opportunity" && subset.has(type))
        expect(result.Status).toBe("OK")
        // The lead and the account found alone are the ones with a number of their own.
        const id = (type: (typeof types)[number]) =>
          subset.has("Lead") && subset.has("Account") ? ids[type] : ids[type].replace(/([LA])1$/, "$12")
        expect([result.ScreenPopRecordType, result.ScreenPopRecordId]).toEqual(
          expected === undefined ? ["Activity", result.ActivityId] : [expected, id(expected)],
        )
        expect(result.ServiceRequestId !== undefined).toBe(subset.has("Service Request"))
        expect(result.CampaignId !== undefined).toBe(subset.has("Campaign"))
        expect(result.ContactId !== undefined).toBe(subset.has("Contact"))
        expect(result.LeadId !== undefined).toBe(subset.has("Lead"))
        expect(result.AccountId !== undefined).toBe(subset.has("Account"))
      })
    }),
  )
})
