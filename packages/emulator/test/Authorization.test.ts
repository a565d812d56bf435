import { ChannelTypes, type Privilege, Privileges } from "@crmod-cti/core"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import { DemoUsers } from "@crmod-cti/emulator"
import { demoEmulator, emulatorOf, grant, interaction, lookUp, wrapUp } from "./fixtures.js"

const privilegeOf = (channel: string): Privilege =>
  channel.includes("Chat")
    ? "Access Chat Communications"
    : channel.includes("Email")
      ? "Access Email Communications"
      : channel.includes("Voicemail")
        ? "Access Voicemail Communications"
        : "Access Call Communications"

// One user per privilege, each holding that privilege alone.
const tenant = {
  company: "ACME",
  users: Privileges.map((privilege, n) => ({ signInId: `ACME/user${n}`, privileges: [privilege] })),
}

describe("the Access privilege of each channel (Callback counts as Call)", () => {
  it.effect("a user may insert and wrap up exactly the channels of the privilege they hold", () =>
    Effect.gen(function* () {
      const emulator = yield* emulatorOf(tenant)
      for (const [n, privilege] of Privileges.entries()) {
        const service = emulator.serviceFor(`ACME/user${n}`)
        for (const channel of ChannelTypes) {
          const inserted = yield* Effect.either(service.insert([interaction(`${n}-${channel}`, channel)]))
          const wrapped = yield* Effect.either(service.wrapUp([wrapUp(`${n}-${channel}`, channel)]))
          const allowed = privilegeOf(channel) === privilege
          expect([channel, privilege, inserted._tag, wrapped._tag]).toEqual([
            channel,
            privilege,
            allowed ? "Right" : "Left",
            allowed ? "Right" : "Left",
          ])
          if (inserted._tag === "Left") expect(inserted.left.message).toBe("Access Denied")
        }
      }
    }),
  )
})

describe("Access Denied for the whole request when any interaction's channel is not allowed", () => {
  it.effect("nothing of the request is created", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const agent = emulator.serviceFor(DemoUsers.callAgent)
      const denied = yield* Effect.flip(
        agent.insert([interaction("1", "Inbound Call"), interaction("2", "Inbound Chat")]),
      )
      expect(denied).toMatchObject({ reason: "AccessDenied", faultCode: "Client", message: "Access Denied" })
      expect(yield* lookUp(emulator, "OKP", { InteractionId: "1", AgentOfferTime: 1287786900 })).toEqual({
        _tag: "NotFound",
      })
      expect((yield* agent.insert([interaction("1", "Inbound Call")]))[0]!.Status).toBe("OK")
    }),
  )

  it.effect("wrap-up too: nothing is wrapped up", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const agent = emulator.serviceFor(DemoUsers.callAgent)
      const denied = yield* Effect.flip(
        agent.wrapUp([wrapUp("100000000000"), wrapUp("100000000003", "Inbound Voicemail")]),
      )
      expect(denied.message).toBe("Access Denied")
      expect((yield* agent.wrapUp([wrapUp("100000000000")]))[0]!.Status).toBe("OK")
    }),
  )

  it.effect("a user without CTI privileges can do nothing", () =>
    Effect.gen(function* () {
      const service = (yield* demoEmulator()).serviceFor(DemoUsers.noCti)
      expect((yield* Effect.flip(service.insert([interaction("1")]))).message).toBe("Access Denied")
      expect((yield* Effect.flip(service.wrapUp([wrapUp("100000000000")]))).message).toBe("Access Denied")
    }),
  )
})

describe("privileges are read at each request", () => {
  it.effect("a role change takes effect on the user's next request", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const service = emulator.serviceFor(DemoUsers.noCti)
      yield* grant(emulator, DemoUsers.noCti, ["Access Chat Communications"])
      expect(Option.getOrThrow(yield* emulator.administration.user(DemoUsers.noCti)).privileges).toEqual([
        "Access Chat Communications",
      ])
      expect((yield* service.insert([interaction("1", "Inbound Chat")]))[0]!.Status).toBe("OK")
      yield* grant(emulator, DemoUsers.noCti, [])
      expect((yield* Effect.flip(service.insert([interaction("2", "Inbound Chat")]))).message).toBe("Access Denied")
    }),
  )

  it.effect("setting the privileges of an unknown user fails, naming them", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const error = yield* Effect.flip(
        emulator.administration.setPrivileges({ signInId: DemoUsers.mosDef }, "OKP/nobody", []),
      )
      expect(error).toMatchObject({
        _tag: "CrmQueryError",
        reason: "NotFound",
        message: "There is no user OKP/nobody in OKP.",
      })
    }),
  )

  it.effect("a request for a user who does not exist is not authenticated", () =>
    Effect.gen(function* () {
      const fault = yield* Effect.flip((yield* demoEmulator()).serviceFor("OKP/nobody").insert([interaction("1")]))
      expect(fault.message).toBe("The security token could not be authenticated or authorized.")
    }),
  )
})

describe("Request contains too many interactions", () => {
  it.effect("more than five fail the whole request; five are fine", () =>
    Effect.gen(function* () {
      const service = (yield* demoEmulator()).serviceFor(DemoUsers.mosDef)
      const six = Array.from({ length: 6 }, (_, n) => interaction(`${n}`))
      expect((yield* Effect.flip(service.insert(six))).message).toBe("Request contains too many interactions")
      expect((yield* Effect.flip(service.wrapUp(six))).message).toBe("Request contains too many interactions")
      const results = yield* service.insert(six.slice(1))
      expect(results.map((result) => result.InteractionId)).toEqual(["1", "2", "3", "4", "5"])
      expect(results.every((result) => result.Status === "OK")).toBe(true)
    }),
  )
})
