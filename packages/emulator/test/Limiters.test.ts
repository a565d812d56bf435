import { describe, expect, it } from "@effect/vitest"
import { Deferred, Effect, Fiber, TestClock } from "effect"
import { DemoUsers } from "@crmod-cti/emulator"
import { demoEmulator, emulatorOf, interaction, lookUp, tenantOf, wrapUp } from "./fixtures.js"

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
      expect(yield* lookUp(emulator, "OKP", { InteractionId: "refused", AgentOfferTime: 1287786900 })).toEqual({
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

describe("operations allotment: per company, the current hour and the 23 before it, each interaction one operation", () => {
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
      expect(yield* lookUp(emulator, "OKP", { InteractionId: "4", AgentOfferTime: 1287786900 })).toEqual({
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

  it.effect("counts in clock hours: an hour's operations are released together as that hour begins the next day", () =>
    Effect.gen(function* () {
      const service = (yield* demoEmulator(allotmentOf(10))).serviceFor(DemoUsers.mosDef)
      const insert = (n: number, prefix: string) =>
        service.insert(Array.from({ length: n }, (_, k) => interaction(`${prefix}-${k}`)))
      // 09:10 and 09:50 fall in one hourly bucket, 10:20 in the next.
      yield* TestClock.setTime(Date.UTC(2026, 0, 1, 9, 10))
      yield* insert(2, "a")
      yield* TestClock.setTime(Date.UTC(2026, 0, 1, 9, 50))
      yield* insert(3, "b")
      yield* TestClock.setTime(Date.UTC(2026, 0, 1, 10, 20))
      yield* insert(5, "c")
      // At 08:59 the next day the window runs from 09:00 the day before: all 10 still count.
      yield* TestClock.setTime(Date.UTC(2026, 0, 2, 8, 59))
      expect((yield* Effect.flip(insert(1, "d"))).reason).toBe("OperationsAllotment")
      // At 09:00 it shifts: the whole 09:00 hour (5 operations, 09:50's too) is released at once, 10:20's is not.
      yield* TestClock.setTime(Date.UTC(2026, 0, 2, 9, 0))
      yield* insert(5, "d")
      expect((yield* Effect.flip(insert(1, "e"))).reason).toBe("OperationsAllotment")
      yield* TestClock.setTime(Date.UTC(2026, 0, 2, 10, 0))
      expect((yield* insert(5, "e")).length).toBe(5)
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

describe("concurrent request allotment: per company, the requests processed at once", () => {
  const concurrentOf = (concurrentRequests: number) =>
    ({ limits: { rateLimiter: false, operationsAllotment: false, concurrentRequests } }) as const

  it.effect(
    "one more than the allotment is refused at once with Oracle's text; a finished request frees its slot",
    () =>
      Effect.gen(function* () {
        const emulator = yield* demoEmulator(concurrentOf(2))
        const held = yield* Deferred.make<void>()
        const holding = (username: string) => emulator.admitRequest(username, Deferred.await(held))
        const first = yield* Effect.fork(holding(DemoUsers.mosDef))
        const second = yield* Effect.fork(holding(DemoUsers.callAgent))
        yield* Effect.yieldNow()
        const fault = yield* Effect.flip(emulator.admitRequest(DemoUsers.noCti, Effect.succeed("third")))
        expect(fault).toMatchObject({
          reason: "ConcurrentRequestAllotment",
          faultCode: "Server",
          errorCode: "SBL-SBL-70172",
          message:
            "The Web Services Concurrent Request Allotment of 2 has been reached or there is insufficient capacity remaining to process your request.",
        })
        yield* Deferred.succeed(held, undefined)
        yield* Fiber.join(first)
        yield* Fiber.join(second)
        expect(yield* emulator.admitRequest(DemoUsers.noCti, Effect.succeed("third"))).toBe("third")
      }),
  )

  it.effect("a failed or interrupted request frees its slot too", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator(concurrentOf(1))
      yield* Effect.flip(emulator.admitRequest(DemoUsers.mosDef, Effect.fail("broken")))
      const hanging = yield* Effect.fork(emulator.admitRequest(DemoUsers.mosDef, Effect.never))
      yield* Effect.yieldNow()
      expect((yield* Effect.flip(emulator.admitRequest(DemoUsers.mosDef, Effect.void))).reason).toBe(
        "ConcurrentRequestAllotment",
      )
      yield* Fiber.interrupt(hanging)
      yield* emulator.admitRequest(DemoUsers.mosDef, Effect.void)
    }),
  )

  it.effect("each company has its own, and a name that is nobody's still counts for its company", () =>
    Effect.gen(function* () {
      const emulator = yield* emulatorOf([tenantOf("ACME"), tenantOf("GLOBEX")], concurrentOf(1))
      const hanging = yield* Effect.fork(emulator.admitRequest("ACME/nobody", Effect.never))
      yield* Effect.yieldNow()
      expect((yield* Effect.flip(emulator.admitRequest("ACME/agent", Effect.void))).reason).toBe(
        "ConcurrentRequestAllotment",
      )
      yield* emulator.admitRequest("GLOBEX/agent", Effect.void)
      yield* Fiber.interrupt(hanging)
    }),
  )

  it.effect("is switched off by concurrentRequests: false", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const hanging = yield* Effect.forEach([1, 2, 3], () =>
        Effect.fork(emulator.admitRequest(DemoUsers.mosDef, Effect.never)),
      )
      yield* Effect.yieldNow()
      yield* emulator.admitRequest(DemoUsers.mosDef, Effect.void)
      yield* Effect.forEach(hanging, Fiber.interrupt)
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

  it.effect("ten requests of a company at once, and not eleven", () =>
    Effect.gen(function* () {
      const emulator = yield* emulatorOf(tenantOf("ACME"), { limits: {} })
      const hanging = yield* Effect.forEach(Array.from({ length: 10 }), () =>
        Effect.fork(emulator.admitRequest("ACME/agent", Effect.never)),
      )
      yield* Effect.yieldNow()
      expect((yield* Effect.flip(emulator.admitRequest("ACME/agent", Effect.void))).message).toContain(
        "Concurrent Request Allotment of 10 ",
      )
      yield* Effect.forEach(hanging, Fiber.interrupt)
    }),
  )
})
