import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Fiber, Option, Stream } from "effect"
import { DemoCompany, DemoIds, DemoUsers } from "@crmod-cti/emulator"
import { demoEmulator, emulatorOf, interaction, tenantOf, wrapUp } from "./fixtures.js"

const mosDef = { signInId: DemoUsers.mosDef }
const callAgent = { signInId: DemoUsers.callAgent }

describe("administration: for the company's administrators (Manage CTI On Demand Access) only", () => {
  it.effect("an administrator lists their company's users and sets their privileges", () =>
    Effect.gen(function* () {
      const { administration } = yield* demoEmulator()
      expect((yield* administration.administrator(mosDef)).company).toBe(DemoCompany)
      expect((yield* administration.users(mosDef)).map((user) => user.signInId)).toEqual([
        DemoUsers.mosDef,
        DemoUsers.callAgent,
        DemoUsers.noCti,
      ])
      const saved = yield* administration.setPrivileges(mosDef, DemoUsers.noCti, ["Access Chat Communications"])
      expect(saved.privileges).toEqual(["Access Chat Communications"])
      expect(Option.getOrThrow(yield* administration.user(DemoUsers.noCti)).privileges).toEqual(saved.privileges)
    }),
  )

  it.effect("anybody else is Forbidden, and nothing changes", () =>
    Effect.gen(function* () {
      const { administration } = yield* demoEmulator()
      const refused = {
        reason: "Forbidden",
        message: "Administration needs the Manage CTI On Demand Access privilege.",
      }
      expect(yield* Effect.flip(administration.administrator(callAgent))).toMatchObject(refused)
      expect(yield* Effect.flip(administration.users(callAgent))).toMatchObject(refused)
      expect(yield* Effect.flip(administration.setPrivileges(callAgent, DemoUsers.callAgent, []))).toMatchObject(
        refused,
      )
      expect((yield* Effect.flip(administration.users({ signInId: "OKP/nobody" }))).reason).toBe("Forbidden")
      expect(Option.getOrThrow(yield* administration.user(DemoUsers.callAgent)).privileges).toEqual([
        "Access Call Communications",
      ])
    }),
  )

  it.effect("a user of another company, or nobody's, is not found", () =>
    Effect.gen(function* () {
      const { administration } = yield* emulatorOf([
        tenantOf("ACME"),
        { ...tenantOf("GLOBEX"), users: [{ signInId: "GLOBEX/admin", privileges: ["Manage CTI On Demand Access"] }] },
      ])
      const globex = { signInId: "GLOBEX/admin" }
      expect(yield* Effect.flip(administration.setPrivileges(globex, "ACME/agent", []))).toMatchObject({
        reason: "NotFound",
        message: "There is no user ACME/agent in GLOBEX.",
      })
      expect((yield* Effect.flip(administration.setPrivileges(globex, "GLOBEX/nobody", []))).reason).toBe("NotFound")
      expect((yield* administration.users(globex)).map((user) => user.signInId)).toEqual(["GLOBEX/admin"])
    }),
  )

  it.effect("an administrator keeps their own Manage CTI On Demand Access", () =>
    Effect.gen(function* () {
      const { administration } = yield* demoEmulator()
      const saved = yield* administration.setPrivileges(mosDef, DemoUsers.mosDef, ["Access Call Communications"])
      expect(saved.privileges).toEqual(["Access Call Communications", "Manage CTI On Demand Access"])
      const other = yield* administration.setPrivileges(mosDef, DemoUsers.callAgent, [])
      expect(other.privileges).toEqual([])
    }),
  )
})

describe("changes, for pages that update live", () => {
  it.effect("new and wrapped-up activities and privilege changes are announced, and counted", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const subscription = yield* emulator.subscribe
      const seen = yield* Effect.fork(Stream.runCollect(Stream.take(subscription, 4)))
      const service = emulator.serviceFor(DemoUsers.mosDef)
      yield* service.insert([interaction("1", "Inbound Call", { CreateServiceRequest: true })])
      yield* service.insert([interaction("1")])
      yield* service.wrapUp([wrapUp("1"), wrapUp("1")])
      yield* emulator.wrapUpPage.save(mosDef, DemoIds.sampleChat, { notes: "done" })
      yield* emulator.administration.setPrivileges(mosDef, DemoUsers.noCti, ["Access Chat Communications"])
      const changes = Chunk.toReadonlyArray(yield* Fiber.join(seen))
      expect(changes.map((change) => change._tag)).toEqual([
        "ActivityCreated",
        "ActivityWrappedUp",
        "ActivityWrappedUp",
        "PrivilegesChanged",
      ])
      expect(changes[0]).toMatchObject({
        activity: { interaction: { InteractionId: "1" } },
        serviceRequest: { number: "SR-000001" },
      })
      expect(yield* emulator.revision).toBe(4)
    }).pipe(Effect.scoped),
  )

  it.effect("an agent's subscription has their own interactions and privileges only", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const subscription = yield* emulator.subscribeAs(callAgent)
      const seen = yield* Effect.fork(Stream.runCollect(Stream.take(subscription, 2)))
      yield* emulator.serviceFor(DemoUsers.mosDef).insert([interaction("someone else's")])
      yield* emulator.administration.setPrivileges(mosDef, DemoUsers.noCti, ["Access Chat Communications"])
      yield* emulator.serviceFor(DemoUsers.callAgent).insert([interaction("own")])
      yield* emulator.administration.setPrivileges(mosDef, DemoUsers.callAgent, ["Access Call Communications"])
      const changes = Chunk.toReadonlyArray(yield* Fiber.join(seen))
      expect(changes.map((change) => change._tag)).toEqual(["ActivityCreated", "PrivilegesChanged"])
      expect(changes[0]).toMatchObject({ activity: { owner: DemoUsers.callAgent } })
    }).pipe(Effect.scoped),
  )

  it.effect("a user without any channel's Access privilege, or not signed in, is Forbidden", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      expect(yield* Effect.flip(emulator.subscribeAs({ signInId: DemoUsers.noCti }))).toMatchObject({
        reason: "Forbidden",
        message: "Your role has no Access Communications privilege.",
      })
      expect((yield* Effect.flip(emulator.subscribeAs({ signInId: "OKP/nobody" }))).reason).toBe("Forbidden")
    }).pipe(Effect.scoped),
  )
})
