import { describe, expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { DemoUsers } from "@crmod-cti/emulator"
import { demoEmulator, emulatorOf, interaction, tenantOf, wrapUp } from "./fixtures.js"

const rateOnly = { limits: { operationsAllotment: false } } as const
const allotmentOf = (operationsAllotment: number) => ({ limits: { rateLimiter: false, operationsAllotment } }) as const

describe("rate limiter: per user, at least 50 ms apart and at most 20 requests a second", () => {
  it.effect("a request under 50 ms after the last is refused with the exact wait", () =>
    Effect.gen(function* () {
      const service = (yield* demoEmulator(rateOnly)).serviceFor(DemoUsers.mosDef)
      yield* service.insert([interaction("1")])
      yield* TestClock.adjust("20 millis")
      const fault = yield* Effect.flip(service.insert([interaction("2")]))
      expect(fault).toMatchObject({
        reason: "RateLimited",
        faultCode: "Server",
        errorCode: "SBL-ODU-01005",
        message: "The maximum rate of requests was exceeded. Please try again in 30 ms.",
        requestWaitMs: 30,
      })
      yield* TestClock.adjust("29 millis")
      expect((yield* Effect.flip(service.insert([interaction("2")]))).requestWaitMs).toBe(1)
      yield* TestClock.adjust("1 millis")
      expect((yield* service.insert([interaction("2")]))[0]!.Status).toBe("OK")
    }),
  )

  it.effect("refused requests are not counted and change nothing", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator(rateOnly)
      const service = emulator.serviceFor(DemoUsers.mosDef)
      yield* service.wrapUp([wrapUp("100000000000")])
      for (let n = 0; n < 10; n++) {
        yield* TestClock.adjust("4 millis")
        yield* Effect.flip(service.insert([interaction("refused")]))
      }
      expect(yield* emulator.findActivity("OKP", { InteractionId: "refused", AgentOfferTime: 1287786900 })).toEqual({
        _tag: "NotFound",
      })
      // 40 ms have passed: the wait is still measured from the one admitted request.
      expect((yield* Effect.flip(service.insert([interaction("refused")]))).requestWaitMs).toBe(10)
    }),
  )

  it.effect("more than the requests allowed in a second wait for the oldest to leave the window", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator({
        limits: { operationsAllotment: false, rateLimiter: { perSecond: 3, minSpacingMs: 0 } },
      })
      const service = emulator.serviceFor(DemoUsers.mosDef)
      for (const at of [0, 100, 200]) {
        yield* TestClock.adjust(`${at === 0 ? 0 : 100} millis`)
        yield* service.insert([interaction(`${at}`)])
      }
      yield* TestClock.adjust("500 millis")
      expect((yield* Effect.flip(service.insert([interaction("late")]))).requestWaitMs).toBe(300)
      yield* TestClock.adjust("300 millis")
      expect((yield* service.insert([interaction("late")]))[0]!.Status).toBe("OK")
    }),
  )

  it.effect("a steady 20 requests a second, 50 ms apart, all pass", () =>
    Effect.gen(function* () {
      const service = (yield* demoEmulator(rateOnly)).serviceFor(DemoUsers.mosDef)
      for (let n = 0; n < 20; n++) {
        yield* service.insert([interaction(`${n}`)])
        yield* TestClock.adjust("50 millis")
      }
      expect((yield* service.insert([interaction("20")]))[0]!.Status).toBe("OK")
    }),
  )

  it.effect("each user has their own limit", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator(rateOnly)
      yield* emulator.serviceFor(DemoUsers.mosDef).insert([interaction("1")])
      expect((yield* emulator.serviceFor(DemoUsers.callAgent).insert([interaction("2")]))[0]!.Status).toBe("OK")
    }),
  )

  it.effect("is switched off by rateLimiter: false", () =>
    Effect.gen(function* () {
      const service = (yield* demoEmulator(allotmentOf(1000))).serviceFor(DemoUsers.mosDef)
      for (let n = 0; n < 30; n++) yield* service.insert([interaction(`${n}`)])
    }),
  )

  it.effect("comes first: a refused request is not checked further", () =>
    Effect.gen(function* () {
      const service = (yield* demoEmulator({ limits: { operationsAllotment: 1 } })).serviceFor(DemoUsers.noCti)
      expect((yield* Effect.flip(service.insert([interaction("1")]))).reason).toBe("AccessDenied")
      expect((yield* Effect.flip(service.insert([interaction("1"), interaction("2")]))).reason).toBe("RateLimited")
    }),
  )
})

describe("operations allotment: per company over a rolling 24 hours, each interaction one operation", () => {
  it.effect("a request that would exceed it fails whole and consumes nothing", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator(allotmentOf(5))
      const service = emulator.serviceFor(DemoUsers.mosDef)
      yield* service.insert([interaction("1"), interaction("2"), interaction("3")])
      const fault = yield* Effect.flip(service.insert([interaction("4"), interaction("5"), interaction("6")]))
      expect(fault).toMatchObject({
        reason: "OperationsAllotment",
        faultCode: "Server",
        errorCode: "SBL-SBL-70172",
        message:
          "The Web Services Operations Allotment of 5 Operations has been reached or there is insufficient capacity remaining to process your request.(SBL-SBL-70172)",
      })
      expect(yield* emulator.findActivity("OKP", { InteractionId: "4", AgentOfferTime: 1287786900 })).toEqual({
        _tag: "NotFound",
      })
      expect((yield* service.wrapUp([wrapUp("1"), wrapUp("2")])).map((result) => result.Status)).toEqual(["OK", "OK"])
      expect((yield* Effect.flip(service.insert([interaction("4")]))).reason).toBe("OperationsAllotment")
    }),
  )

  it.effect("is shared by the company's users and frees up 24 hours after use", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator(allotmentOf(2))
      yield* emulator.serviceFor(DemoUsers.mosDef).insert([interaction("1")])
      yield* TestClock.adjust("12 hours")
      yield* emulator.serviceFor(DemoUsers.callAgent).insert([interaction("2")])
      expect((yield* Effect.flip(emulator.serviceFor(DemoUsers.mosDef).insert([interaction("3")]))).reason).toBe(
        "OperationsAllotment",
      )
      yield* TestClock.adjust("12 hours")
      expect((yield* emulator.serviceFor(DemoUsers.mosDef).insert([interaction("3")]))[0]!.Status).toBe("OK")
      expect((yield* Effect.flip(emulator.serviceFor(DemoUsers.mosDef).insert([interaction("4")]))).reason).toBe(
        "OperationsAllotment",
      )
    }),
  )

  it.effect("each company has its own", () =>
    Effect.gen(function* () {
      const emulator = yield* emulatorOf([tenantOf("ACME"), tenantOf("GLOBEX")], allotmentOf(1))
      yield* emulator.serviceFor("ACME/agent").insert([interaction("1")])
      expect((yield* emulator.serviceFor("GLOBEX/agent").insert([interaction("1")]))[0]!.Status).toBe("OK")
    }),
  )

  it.effect("requests that fail for other reasons consume nothing", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator(allotmentOf(2))
      const six = Array.from({ length: 6 }, (_, n) => interaction(`${n}`))
      expect(
        (yield* Effect.flip(emulator.serviceFor(DemoUsers.callAgent).insert([interaction("chat", "Inbound Chat")])))
          .reason,
      ).toBe("AccessDenied")
      expect((yield* Effect.flip(emulator.serviceFor(DemoUsers.mosDef).insert(six))).reason).toBe("OperationsAllotment")
      expect((yield* emulator.serviceFor(DemoUsers.mosDef).insert(six.slice(0, 2))).length).toBe(2)
    }),
  )

  it.effect("comes before the privileges and the count", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator(allotmentOf(1))
      yield* emulator.serviceFor(DemoUsers.mosDef).insert([interaction("1")])
      expect((yield* Effect.flip(emulator.serviceFor(DemoUsers.noCti).insert([interaction("2")]))).reason).toBe(
        "OperationsAllotment",
      )
    }),
  )

  it.effect("is switched off by operationsAllotment: false", () =>
    Effect.gen(function* () {
      const service = (yield* demoEmulator({ limits: { rateLimiter: false, operationsAllotment: false } })).serviceFor(
        DemoUsers.mosDef,
      )
      for (let n = 0; n < 30; n++) yield* service.insert(Array.from({ length: 5 }, (_, k) => interaction(`${n}-${k}`)))
    }),
  )
})

describe("limiters are on by default", () => {
  it.effect("a second request at the same instant is rate limited", () =>
    Effect.gen(function* () {
      const emulator = yield* emulatorOf(tenantOf("ACME"), { limits: {} })
      const service = emulator.serviceFor("ACME/agent")
      yield* service.insert([interaction("1")])
      expect((yield* Effect.flip(service.insert([interaction("2")]))).requestWaitMs).toBe(50)
    }),
  )
})
