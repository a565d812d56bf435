// The client side of CRM On Demand's limits: batches of five, retries, and request pacing (on the TestClock).
import { describe, expect, it } from "@effect/vitest"
import { Cause, Clock, Duration, Effect, Exit, Fiber, Option, TestClock } from "effect"
import * as fc from "fast-check"
import {
  type CtiFault,
  Faults,
  type PacerOptions,
  type RequestPacer,
  chunksOf,
  inBatches,
  makeRequestPacer,
  retryDelay,
  withRetry,
} from "@crmod-cti/core"

const items = fc
  .integer({ min: 0, max: 60 })
  .map((count) => Array.from({ length: count }, (_, i) => `interaction ${i}`))

describe("chunksOf: consecutive groups of at most five (or the size given)", () => {
  it("keeps order and count for any 0..60 items and any size", () => {
    fc.assert(
      fc.property(items, fc.integer({ min: 1, max: 7 }), (list, size) => {
        const chunks = chunksOf(list, size)
        expect(chunks.flat()).toEqual(list)
        expect(chunks).toHaveLength(Math.ceil(list.length / size))
        for (const chunk of chunks.slice(0, -1)) expect(chunk).toHaveLength(size)
        for (const chunk of chunks) expect(chunk.length).toBeGreaterThan(0)
      }),
    )
  })

  it("defaults to five, the most one request may carry", () => {
    expect(chunksOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]).map((chunk) => chunk.length)).toEqual([5, 5, 1])
    expect(chunksOf([])).toEqual([])
  })

  it.each([0, -1, 1.5, Number.NaN])("refuses the size %d", (size) => {
    expect(() => chunksOf([1], size)).toThrow(RangeError)
  })
})

describe("inBatches: any number of interactions, in requests of at most five", () => {
  const send = (sent: Array<ReadonlyArray<string>>) => (batch: ReadonlyArray<string>) =>
    Effect.sync(() => {
      sent.push(batch)
      return batch.map((item) => `result of ${item}`)
    })

  it("keeps order and count for any 0..60 interactions, any size and concurrency", async () => {
    await fc.assert(
      fc.asyncProperty(
        items,
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 4 }),
        async (list, size, concurrency) => {
          const sent: Array<ReadonlyArray<string>> = []
          const results = await Effect.runPromise(inBatches(list, send(sent), { size, concurrency }))
          expect(results).toEqual(list.map((item) => `result of ${item}`))
          expect(sent).toHaveLength(Math.ceil(list.length / Math.min(size, 5)))
          for (const batch of sent) expect(batch.length).toBeLessThanOrEqual(5)
        },
      ),
    )
  })

  it("reassembles in order when later requests answer first", async () => {
    const list = Array.from({ length: 23 }, (_, i) => i)
    const slowFirst = (batch: ReadonlyArray<number>) =>
      Effect.as(
        Effect.sleep(`${30 - (batch[0] ?? 0)} millis`),
        batch.map((n) => n * 10),
      )
    const results = await Effect.runPromise(inBatches(list, slowFirst, { concurrency: 5 }))
    expect(results).toEqual(list.map((n) => n * 10))
  })

  it("sends nothing for no interactions", async () => {
    const sent: Array<ReadonlyArray<string>> = []
    expect(await Effect.runPromise(inBatches([], send(sent)))).toEqual([])
    expect(sent).toEqual([])
  })

  it.each([
    ["one result too few", (batch: ReadonlyArray<string>) => batch.slice(1)],
    ["one result too many", (batch: ReadonlyArray<string>) => [...batch, "extra"]],
  ])("a response with %s fails with a Server fault", async (_, answer) => {
    const exit = await Effect.runPromiseExit(inBatches(["a", "b", "c"], (batch) => Effect.succeed(answer(batch))))
    expect(Exit.isFailure(exit)).toBe(true)
    const fault = Exit.isFailure(exit) ? Cause.failureOption(exit.cause) : undefined
    expect(fault?._tag === "Some" && (fault.value as CtiFault)).toMatchObject({
      _tag: "CtiFault",
      reason: "ServerError",
      faultCode: "Server",
    })
  })

  it("passes the sender's own failure through and stops", async () => {
    const sent: Array<ReadonlyArray<string>> = []
    const failing = (batch: ReadonlyArray<string>) => Effect.zipRight(send(sent)(batch), Effect.fail("offline"))
    const exit = await Effect.runPromiseExit(inBatches(["a", "b", "c", "d", "e", "f"], failing))
    expect(exit).toEqual(Exit.fail("offline"))
    expect(sent).toHaveLength(1)
  })

  it("a size that is not a positive integer is a defect of the effect, not a throw", async () => {
    const effect = inBatches(["a"], send([]), { size: 0 })
    const exit = await Effect.runPromiseExit(effect)
    expect(Exit.isFailure(exit) && Cause.isDie(exit.cause)).toBe(true)
  })
})

const delayMs = (delay: Option.Option<Duration.Duration>) => Option.map(delay, Duration.toMillis)

/** An operation that fails with the given errors in turn, then succeeds; it records when each attempt started. */
const flaky = (errors: ReadonlyArray<unknown>) => {
  const attempts: Array<number> = []
  const effect = Effect.flatMap(Clock.currentTimeMillis, (now) => {
    attempts.push(now)
    const error = errors[attempts.length - 1]
    return error === undefined ? Effect.succeed("logged") : Effect.fail(error)
  })
  return { attempts, effect }
}

describe("retryDelay: when to try again", () => {
  it("the rate limiter's RequestWait, as it says", () => {
    expect(delayMs(retryDelay(Faults.rateLimited(750), 1))).toEqual(Option.some(750))
    expect(delayMs(retryDelay(Faults.rateLimited(750), 5))).toEqual(Option.some(750))
  })

  it("allotment faults back off exponentially to a cap", () => {
    const allotment = Faults.operationsAllotment(100)
    expect([1, 2, 3, 4, 5].map((attempt) => delayMs(retryDelay(allotment, attempt)))).toEqual(
      [1000, 2000, 4000, 8000, 16000].map(Option.some),
    )
    const capped = { initialBackoff: "100 millis", maxBackoff: "300 millis", maxRetries: 10 } as const
    expect([1, 2, 3, 4, 10].map((attempt) => delayMs(retryDelay(allotment, attempt, capped)))).toEqual(
      [100, 200, 300, 300, 300].map(Option.some),
    )
    expect(delayMs(retryDelay(allotment, 6, { maxRetries: 10 }))).toEqual(Option.some(30000))
  })

  it.each([
    ["Access Denied", Faults.accessDenied()],
    ["an invalid value", Faults.invalidValue("x", "ChannelType")],
    ["a server error", Faults.serverError("boom")],
    ["wrong credentials", Faults.authenticationFailed()],
    ["too large a request", Faults.requestTooLarge(1024)],
    ["a plain Error", new Error("socket hang up")],
  ])("%s is not retried", (_, error) => {
    expect(retryDelay(error, 1)).toEqual(Option.none())
  })

  it("transient errors the caller names back off like allotments", () => {
    const isTransient = (error: unknown) => error instanceof Error && error.message === "ECONNRESET"
    expect(delayMs(retryDelay(new Error("ECONNRESET"), 2, { isTransient }))).toEqual(Option.some(2000))
    expect(retryDelay(new Error("EACCES"), 2, { isTransient })).toEqual(Option.none())
  })

  it("stops after maxRetries (default five)", () => {
    expect(Option.isSome(retryDelay(Faults.rateLimited(10), 5))).toBe(true)
    expect(retryDelay(Faults.rateLimited(10), 6)).toEqual(Option.none())
    expect(retryDelay(Faults.operationsAllotment(1), 3, { maxRetries: 2 })).toEqual(Option.none())
    expect(retryDelay(Faults.rateLimited(10), 1, { maxRetries: 0 })).toEqual(Option.none())
  })
})

describe("withRetry", () => {
  it.effect("waits RequestWait after a rate-limit fault, then tries again", () =>
    Effect.gen(function* () {
      const { attempts, effect } = flaky([Faults.rateLimited(700)])
      const fiber = yield* Effect.fork(withRetry()(effect))
      yield* TestClock.adjust("699 millis")
      expect(attempts).toEqual([0])
      yield* TestClock.adjust("1 millis")
      expect(yield* Fiber.join(fiber)).toBe("logged")
      expect(attempts).toEqual([0, 700])
    }),
  )

  it.effect("backs off 1, 2, 4 s… after allotment faults", () =>
    Effect.gen(function* () {
      const allotment = Faults.operationsAllotment(100)
      const { attempts, effect } = flaky([allotment, allotment, allotment])
      const fiber = yield* Effect.fork(withRetry()(effect))
      yield* TestClock.adjust("1 minute")
      expect(yield* Fiber.join(fiber)).toBe("logged")
      expect(attempts).toEqual([0, 1000, 3000, 7000])
    }),
  )

  it.effect("caps the back-off", () =>
    Effect.gen(function* () {
      const allotment = Faults.operationsAllotment(100)
      const { attempts, effect } = flaky([allotment, allotment, allotment, allotment])
      const fiber = yield* Effect.fork(withRetry({ initialBackoff: "1 second", maxBackoff: "3 seconds" })(effect))
      yield* TestClock.adjust("1 minute")
      yield* Fiber.join(fiber)
      expect(attempts).toEqual([0, 1000, 3000, 6000, 9000])
    }),
  )

  it.effect("fails at once on a fault that retrying cannot cure", () =>
    Effect.gen(function* () {
      const { attempts, effect } = flaky([Faults.accessDenied()])
      const exit = yield* Effect.exit(withRetry()(effect))
      expect(exit).toEqual(Exit.fail(Faults.accessDenied()))
      expect(attempts).toEqual([0])
    }),
  )

  it.effect("gives up after maxRetries with the last error", () =>
    Effect.gen(function* () {
      const faults = [10, 20, 30, 40].map((ms) => Faults.rateLimited(ms))
      const { attempts, effect } = flaky(faults)
      const fiber = yield* Effect.fork(Effect.exit(withRetry({ maxRetries: 2 })(effect)))
      yield* TestClock.adjust("1 second")
      const exit = yield* Fiber.join(fiber)
      expect(exit).toEqual(Exit.fail(faults[2]))
      expect(attempts).toEqual([0, 10, 30])
    }),
  )

  it.effect("retries five times by default", () =>
    Effect.gen(function* () {
      const { attempts, effect } = flaky(Array.from({ length: 10 }, () => Faults.rateLimited(100)))
      const fiber = yield* Effect.fork(Effect.exit(withRetry()(effect)))
      yield* TestClock.adjust("10 seconds")
      expect(Exit.isFailure(yield* Fiber.join(fiber))).toBe(true)
      expect(attempts).toEqual([0, 100, 200, 300, 400, 500])
    }),
  )
})

describe("withRetry: maxElapsed bounds the time spent retrying", () => {
  it.effect("starts no retry whose wait would end past maxElapsed, and fails with the last error", () =>
    Effect.gen(function* () {
      const allotment = Faults.operationsAllotment(100)
      const { attempts, effect } = flaky([allotment, allotment, allotment, allotment])
      const fiber = yield* Effect.fork(Effect.exit(withRetry({ maxElapsed: "5 seconds" })(effect)))
      yield* TestClock.adjust("1 minute")
      // Waits of 1 s and 2 s fit in 5 s (retries at 1 s and 3 s); the next, 4 s, would end at 7 s.
      expect(attempts).toEqual([0, 1000, 3000])
      expect(yield* Fiber.join(fiber)).toEqual(Exit.fail(allotment))
    }),
  )

  it.effect("counts the attempts' own time: a slow attempt leaves less for the retries", () =>
    Effect.gen(function* () {
      const attempts: Array<number> = []
      // Every attempt takes 30 s, then fails as a transient error (a timeout, say).
      const slow = Effect.zipRight(
        Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.sync(() => attempts.push(now))),
        Effect.zipRight(Effect.sleep("30 seconds"), Effect.fail("timeout")),
      )
      const retrying = withRetry({ maxElapsed: "1 minute", isTransient: (error) => error === "timeout" })
      const fiber = yield* Effect.fork(Effect.exit(retrying(slow)))
      yield* TestClock.adjust("10 minutes")
      // 30 s + 1 s wait → second attempt at 31 s, ends at 61 s; a 2 s wait would end at 63 s > 60 s.
      expect(attempts).toEqual([0, 31_000])
      expect(yield* Fiber.join(fiber)).toEqual(Exit.fail("timeout"))
    }),
  )

  it.effect("has no limit by default: maxRetries alone decides", () =>
    Effect.gen(function* () {
      const allotment = Faults.operationsAllotment(100)
      const { attempts, effect } = flaky(Array.from({ length: 5 }, () => allotment))
      const fiber = yield* Effect.fork(withRetry()(effect))
      yield* TestClock.adjust("10 minutes")
      expect(yield* Fiber.join(fiber)).toBe("logged")
      expect(attempts).toEqual([0, 1000, 3000, 7000, 15000, 31000])
    }),
  )

  it.effect("a retry that fits exactly is made", () =>
    Effect.gen(function* () {
      const { attempts, effect } = flaky([Faults.rateLimited(500), Faults.rateLimited(500)])
      const fiber = yield* Effect.fork(withRetry({ maxElapsed: 1000 })(effect))
      yield* TestClock.adjust("1 minute")
      expect(yield* Fiber.join(fiber)).toBe("logged")
      expect(attempts).toEqual([0, 500, 1000])
    }),
  )
})

describe("Options out of range are refused, naming the option and the value", () => {
  it.each([
    [{ maxRetries: -1 }, "maxRetries must be a non-negative integer, got -1"],
    [{ maxRetries: 2.5 }, "maxRetries must be a non-negative integer, got 2.5"],
    [
      { initialBackoff: "soon" },
      'initialBackoff must be a duration (milliseconds, or text such as "30 seconds"), got "soon"',
    ],
    [{ maxBackoff: -5 }, 'maxBackoff must be a duration (milliseconds, or text such as "30 seconds"), got -5'],
    [
      { maxElapsed: "-1 minute" },
      'maxElapsed must be a duration (milliseconds, or text such as "30 seconds"), got "-1 minute"',
    ],
    [{ maxElapsed: Number.NaN }, 'maxElapsed must be a duration (milliseconds, or text such as "30 seconds"), got NaN'],
  ] as const)("withRetry(%o) throws when called", (options, message) => {
    expect(() => withRetry(options as never)).toThrow(new RangeError(message))
    expect(() => retryDelay(Faults.rateLimited(10), 1, options as never)).toThrow(new RangeError(message))
  })

  it("durations may be numbers of milliseconds, text, Durations or infinite", () => {
    const allotment = Faults.operationsAllotment(1)
    expect(delayMs(retryDelay(allotment, 3, { initialBackoff: 250 }))).toEqual(Option.some(1000))
    expect(delayMs(retryDelay(allotment, 1, { initialBackoff: Duration.seconds(2) }))).toEqual(Option.some(2000))
    expect(delayMs(retryDelay(allotment, 9, { maxRetries: 10, maxBackoff: Duration.infinity }))).toEqual(
      Option.some(256_000),
    )
    expect(() => withRetry({ maxElapsed: Duration.infinity })).not.toThrow()
  })

  it.each([
    [{ minSpacingMs: -1 }, "minSpacingMs must be a non-negative number, got -1"],
    [{ minSpacingMs: Number.POSITIVE_INFINITY }, "minSpacingMs must be a non-negative number, got Infinity"],
    [{ maxPerSecond: 0 }, "maxPerSecond must be a positive integer, got 0"],
    [{ maxPerSecond: 1.5 }, "maxPerSecond must be a positive integer, got 1.5"],
  ] as const)("makeRequestPacer(%o) dies", (options, message) => {
    const exit = Effect.runSyncExit(makeRequestPacer(options))
    expect(exit).toEqual(Exit.die(new RangeError(message)))
  })

  it.effect("inBatches dies on a concurrency that is not a positive integer, before sending anything", () =>
    Effect.gen(function* () {
      const sent: Array<unknown> = []
      const send = (batch: ReadonlyArray<number>) =>
        Effect.sync(() => {
          sent.push(batch)
          return batch
        })
      const exit = yield* Effect.exit(inBatches([1, 2, 3], send, { concurrency: 0 }))
      expect(exit).toEqual(Exit.die(new RangeError("concurrency must be a positive integer, got 0")))
      expect(sent).toEqual([])
    }),
  )
})

/** Start `count` requests through the pacer, one after another, and return when each was let through. */
const startTimes = (pacer: RequestPacer, count: number) =>
  Effect.forEach(Array.from({ length: count }), () => Effect.zipRight(pacer.acquire, Clock.currentTimeMillis))

/** Run `count` requests through a fresh pacer on the test clock, advancing it far enough for all of them. */
const paced = (count: number, options?: PacerOptions) =>
  Effect.gen(function* () {
    const pacer = yield* makeRequestPacer(options)
    const fiber = yield* Effect.fork(startTimes(pacer, count))
    yield* TestClock.adjust("1 minute")
    return yield* Fiber.join(fiber)
  })

describe("Request pacing: at least 50 ms apart", () => {
  it.effect("lets the first request through at once and spaces the others by 50 ms", () =>
    Effect.gen(function* () {
      expect(yield* paced(5)).toEqual([0, 50, 100, 150, 200])
    }),
  )

  it.effect("waits only the rest of the spacing when time has passed", () =>
    Effect.gen(function* () {
      const pacer = yield* makeRequestPacer()
      yield* pacer.acquire
      yield* TestClock.adjust("30 millis")
      const fiber = yield* Effect.fork(Effect.zipRight(pacer.acquire, Clock.currentTimeMillis))
      yield* TestClock.adjust("19 millis")
      expect(fiber.unsafePoll()).toBeNull()
      yield* TestClock.adjust("1 millis")
      expect(yield* Fiber.join(fiber)).toBe(50)
    }),
  )

  it.effect("does not wait after a long enough pause", () =>
    Effect.gen(function* () {
      const pacer = yield* makeRequestPacer()
      yield* pacer.acquire
      yield* TestClock.adjust("5 seconds")
      yield* pacer.acquire
      expect(yield* Clock.currentTimeMillis).toBe(5000)
    }),
  )

  it.effect("paces concurrent callers one at a time", () =>
    Effect.gen(function* () {
      const pacer = yield* makeRequestPacer()
      const fiber = yield* Effect.fork(
        Effect.all(
          Array.from({ length: 4 }, () => Effect.zipRight(pacer.acquire, Clock.currentTimeMillis)),
          { concurrency: "unbounded" },
        ),
      )
      yield* TestClock.adjust("1 second")
      expect([...(yield* Fiber.join(fiber))].sort((a, b) => a - b)).toEqual([0, 50, 100, 150])
    }),
  )
})

describe("Request pacing: at most 20 requests in any second", () => {
  it.effect("with the default 50 ms spacing, 21 requests span exactly one second", () =>
    Effect.gen(function* () {
      const times = yield* paced(21)
      expect(times.at(-1)).toBe(1000)
    }),
  )

  it.effect("without spacing, the 21st request waits for the first one's second to pass", () =>
    Effect.gen(function* () {
      const times = yield* paced(45, { minSpacingMs: 0 })
      expect(times.slice(0, 20)).toEqual(Array.from({ length: 20 }, () => 0))
      expect(times.slice(20, 40)).toEqual(Array.from({ length: 20 }, () => 1000))
      expect(times.slice(40)).toEqual(Array.from({ length: 5 }, () => 2000))
    }),
  )

  it.effect("never lets more than maxPerSecond start within 1000 ms", () =>
    Effect.gen(function* () {
      const times = yield* paced(30, { minSpacingMs: 10, maxPerSecond: 5 })
      for (let i = 5; i < times.length; i++) expect(times[i]! - times[i - 5]!).toBeGreaterThanOrEqual(1000)
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(10)
      expect(times.slice(0, 6)).toEqual([0, 10, 20, 30, 40, 1000])
    }),
  )
})

describe("Request pacing: pause (the server's RequestWait)", () => {
  it.effect("holds every request back for the time asked", () =>
    Effect.gen(function* () {
      const pacer = yield* makeRequestPacer()
      yield* pacer.acquire
      yield* pacer.pause(300)
      const fiber = yield* Effect.fork(startTimes(pacer, 2))
      yield* TestClock.adjust("1 second")
      expect(yield* Fiber.join(fiber)).toEqual([300, 350])
    }),
  )

  it.effect("a shorter pause does not shorten a longer one", () =>
    Effect.gen(function* () {
      const pacer = yield* makeRequestPacer()
      yield* pacer.pause(500)
      yield* pacer.pause(100)
      const fiber = yield* Effect.fork(startTimes(pacer, 1))
      yield* TestClock.adjust("1 second")
      expect(yield* Fiber.join(fiber)).toEqual([500])
    }),
  )

  it.effect("a pause that has passed holds nothing back", () =>
    Effect.gen(function* () {
      const pacer = yield* makeRequestPacer()
      yield* pacer.pause(100)
      yield* TestClock.adjust("200 millis")
      yield* pacer.acquire
      expect(yield* Clock.currentTimeMillis).toBe(200)
    }),
  )
})
