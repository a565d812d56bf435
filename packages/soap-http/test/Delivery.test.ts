// CONTRACT §10 on Effect's TestClock: concurrent calls share requests of five, each call gets its own results and
// its own failures, RequestWait holds everyone within bounds, and a retried insert that finds its activity says so.
import { Faults } from "@crmod-cti/core"
import { decodeRequest, encodeInsertResponse } from "@crmod-cti/soap-codec"
import {
  type CtiClientOptions,
  CtiTransportError,
  type HttpSend,
  makeCtiClient,
  type OutgoingRequest,
  type SlotSourceFactory,
} from "@crmod-cti/soap-http"
import { describe, expect, it } from "@effect/vitest"
import { Cause, Clock, Deferred, Effect, Either, Exit, Fiber, Scope, TestClock } from "effect"
import { calls, endpoint, faultReply, okReply, scripted, transportError, user, xml } from "./helpers.js"

const client = (send: HttpSend, options: Partial<CtiClientOptions> = {}) =>
  makeCtiClient({ endpoint: `${endpoint}?${Math.random()}`, ...user, ...options }, send)

const idsOf = (body: string) => Either.getOrThrow(decodeRequest(body)).interactions.map((i) => i.InteractionId)

/** `Activity already exists` for each interaction of the request, with the ActivityId `idOf` gives. */
const existingReply = (request: OutgoingRequest, idOf: (interactionId: string) => string) =>
  xml(
    encodeInsertResponse(
      idsOf(request.body).map((InteractionId) => ({
        Status: "Activity already exists",
        InteractionId,
        AgentOfferTime: 1287786900,
        ActivityId: idOf(InteractionId),
      })),
    ),
  )

/** The TestClock, counting the sleeps begun and not over (ended or interrupted): the timers held meanwhile. */
const countingSleeps = Effect.map(TestClock.testClock(), (clock) => {
  let pending = 0
  const counting: Clock.Clock = {
    [Clock.ClockTypeId]: Clock.ClockTypeId,
    unsafeCurrentTimeMillis: () => clock.unsafeCurrentTimeMillis(),
    currentTimeMillis: clock.currentTimeMillis,
    unsafeCurrentTimeNanos: () => clock.unsafeCurrentTimeNanos(),
    currentTimeNanos: clock.currentTimeNanos,
    sleep: (duration) =>
      Effect.suspend(() => {
        pending += 1
        return Effect.ensuring(
          clock.sleep(duration),
          Effect.sync(() => {
            pending -= 1
          }),
        )
      }),
  }
  return { clock: counting, pending: () => pending, adjust: (ms: number) => clock.adjust(ms) }
})

/**
 * Runs `body` with the TestClock counting its sleeps: `pending()` is how many are begun and not over; `adjust` moves
 * the TestClock on (`TestClock.adjust` does not find it behind the counting clock).
 */
const countingTimers = <A, E, R>(
  body: (timers: { pending: () => number; adjust: (ms: number) => Effect.Effect<void> }) => Effect.Effect<A, E, R>,
) => Effect.flatMap(countingSleeps, ({ clock, ...timers }) => Effect.withClock(body(timers), clock))

/** An `HttpSend` that never answers, keeping the signal it was handed for each request. */
const unanswered = () => {
  const signals: Array<AbortSignal> = []
  const send: HttpSend = (_request, signal) => {
    signals.push(signal)
    return Effect.never
  }
  return { send, signals }
}

/** Forks each effect (in order, as separate callers would), moves the clock on, and joins them. */
const concurrently = <A, E>(effects: ReadonlyArray<Effect.Effect<A, E>>, ms = 60_000) =>
  Effect.gen(function* () {
    const fibers = yield* Effect.forEach(effects, (effect) => Effect.fork(effect))
    yield* TestClock.adjust(ms)
    return yield* Effect.forEach(fibers, (fiber) => Fiber.join(fiber))
  })

describe("Concurrent calls share requests of five, in arrival order", () => {
  it.scoped("12 calls of one interaction made at once: requests of five; each call gets its own result", () =>
    Effect.gen(function* () {
      const { send, sent } = scripted()
      const crm = yield* client(send)
      const results = yield* concurrently(calls(12).map((interaction) => crm.insert([interaction])))
      expect(results.map(([result]) => result?.InteractionId)).toEqual(calls(12).map((i) => i.InteractionId))
      expect(sent.map(({ request }) => idsOf(request.body))).toEqual([
        ["C1", "C2", "C3", "C4", "C5"],
        ["C6", "C7", "C8", "C9", "C10"],
        ["C11", "C12"],
      ])
    }),
  )

  it.scoped("calls made while others wait for their turn join them, whichever face they come through", () =>
    Effect.gen(function* () {
      const { send, sent } = scripted()
      const crm = yield* client(send)
      const first = yield* Effect.fork(crm.insert(calls(1, "A")))
      yield* TestClock.adjust(10)
      // Ten milliseconds later, within the pacer's 50: both wait for the next turn.
      const settled = yield* Effect.fork(crm.insertSettled(calls(2, "B")))
      const plain = yield* Effect.fork(crm.insert(calls(2, "C")))
      yield* TestClock.adjust(60_000)
      yield* Fiber.join(first)
      expect((yield* Fiber.join(settled)).map(Either.isRight)).toEqual([true, true])
      expect((yield* Fiber.join(plain)).map((result) => result.InteractionId)).toEqual(["C1", "C2"])
      expect(sent.map(({ request }) => idsOf(request.body))).toEqual([["A1"], ["B1", "B2", "C1", "C2"]])
    }),
  )

  it.scoped("insertSettled of many interactions still sends requests of five", () =>
    Effect.gen(function* () {
      const { send, sent } = scripted()
      const crm = yield* client(send)
      const [outcomes] = yield* concurrently([crm.insertSettled(calls(23))])
      expect(outcomes!.every(Either.isRight)).toBe(true)
      expect(sent.map(({ request }) => idsOf(request.body).length)).toEqual([5, 5, 5, 5, 3])
    }),
  )
})

describe("A fault answering a whole request is resolved per interaction", () => {
  // The server refuses any request carrying C7, as CRM On Demand refuses a request with one interaction the user
  // has no Access privilege for.
  const refusingC7 = () =>
    scripted((request) => (idsOf(request.body).includes("C7") ? faultReply(Faults.accessDenied()) : okReply(request)))

  it.scoped("insertSettled of 12: the middle request is sent again one by one, and only C7 fails", () =>
    Effect.gen(function* () {
      const { send, sent } = refusingC7()
      const crm = yield* client(send)
      const [outcomes] = yield* concurrently([crm.insertSettled(calls(12))])
      expect(
        outcomes!.map((outcome) => (Either.isRight(outcome) ? outcome.right.Status : outcome.left.reason)),
      ).toEqual([...Array(6).fill("OK"), "AccessDenied", ...Array(5).fill("OK")])
      expect(sent.map(({ request }) => idsOf(request.body))).toEqual([
        ["C1", "C2", "C3", "C4", "C5"],
        ["C6", "C7", "C8", "C9", "C10"],
        ["C6"],
        ["C7"],
        ["C8"],
        ["C9"],
        ["C10"],
        ["C11", "C12"],
      ])
    }),
  )

  it.scoped("another call sharing the request keeps its result; insert fails with the call's first failure", () =>
    Effect.gen(function* () {
      const { send } = refusingC7()
      const crm = yield* client(send)
      const [mine, theirs] = yield* concurrently([
        Effect.either(crm.insert(calls(9))),
        Effect.either(crm.insert(calls(1, "X"))),
      ])
      expect(mine).toEqual(Either.left(Faults.accessDenied()))
      expect(Either.map(theirs!, (results) => results.map((result) => result.Status))).toEqual(Either.right(["OK"]))
    }),
  )

  it.scoped("a call with an invalid interaction: insert sends nothing, insertSettled sends the valid ones", () =>
    Effect.gen(function* () {
      const { send, sent } = scripted()
      const crm = yield* client(send)
      const interactions = calls(3).map((interaction, i) =>
        i === 1 ? { ...interaction, ChannelType: "Fax" as "Inbound Call" } : interaction,
      )
      const [refused] = yield* concurrently([Effect.either(crm.insert(interactions))])
      const [settled] = yield* concurrently([crm.insertSettled(interactions)])
      expect(refused).toEqual(Either.left(Faults.invalidValue("Fax", "ChannelType")))
      expect(settled!.map(Either.isRight)).toEqual([true, false, true])
      expect(sent.map(({ request }) => idsOf(request.body))).toEqual([["C1", "C3"]])
    }),
  )
})

describe("RequestWait holds the user's calls, within bounds (CONTRACT §10)", () => {
  it.scoped("a RequestWait over 10 s fails the call that got it at once, and holds nobody", () =>
    Effect.gen(function* () {
      const { send, sent } = scripted((request, n) =>
        n === 1 ? faultReply(Faults.rateLimited(999_999_999)) : okReply(request),
      )
      const crm = yield* client(send)
      const error = yield* Effect.flip(crm.insert(calls(1)))
      expect(error).toEqual(Faults.rateLimited(999_999_999))
      const [later] = yield* concurrently([crm.insert(calls(1, "L"))])
      expect(later![0]?.Status).toBe("OK")
      expect(sent.map(({ at }) => at)).toEqual([0, 50])
    }),
  )

  it.scoped("a RequestWait longer than what is left of the call's budget fails the call", () =>
    Effect.gen(function* () {
      const { send, sent } = scripted(() => faultReply(Faults.rateLimited(3000)))
      const crm = yield* client(send, { retry: { maxElapsed: "5 seconds" } })
      const [error] = yield* concurrently([Effect.flip(crm.insert(calls(1)))])
      expect(error).toEqual(Faults.rateLimited(3000))
      expect(sent.map(({ at }) => at)).toEqual([0, 3000])
    }),
  )

  it.scoped("RequestWait is retried for as long as the budget lasts, not a number of times", () =>
    Effect.gen(function* () {
      const { send, sent } = scripted((request, n) => (n <= 8 ? faultReply(Faults.rateLimited(100)) : okReply(request)))
      const crm = yield* client(send, { retry: { maxRetries: 1 } })
      const [results] = yield* concurrently([crm.insert(calls(1))])
      expect(results![0]?.Status).toBe("OK")
      expect(sent).toHaveLength(9)
    }),
  )
})

describe("Each exchange is bounded by timeoutMs, and the transport told through its signal", () => {
  it.scoped("an answer that never comes: Timeout after timeoutMs, the signal aborted", () =>
    Effect.gen(function* () {
      const { send, signals } = unanswered()
      const crm = yield* client(send, { timeoutMs: 2000, retry: false })
      const [error] = yield* concurrently([Effect.flip(crm.insert(calls(1)))])
      expect(error).toBeInstanceOf(CtiTransportError)
      expect(error).toMatchObject({ reason: "Timeout" })
      expect(signals.map((signal) => signal.aborted)).toEqual([true])
    }),
  )

  it.scoped("a request that timed out is sent again, and an insert that finds its activity then says retried", () =>
    Effect.gen(function* () {
      const { send: answer } = scripted((request) => existingReply(request, (InteractionId) => `A-${InteractionId}`))
      let requests = 0
      const send: HttpSend = (request, signal) => (++requests === 1 ? Effect.never : answer(request, signal))
      const crm = yield* client(send, { timeoutMs: 2000 })
      const [results] = yield* concurrently([crm.insert(calls(1))])
      expect(requests).toBe(2)
      expect(results).toMatchObject([{ Status: "Activity already exists", ActivityId: "A-C1", retried: true }])
    }),
  )

  it.scoped("each request is given up at its own deadline, under the one timer", () =>
    Effect.gen(function* () {
      const { send, signals } = unanswered()
      const crm = yield* client(send, { pacing: false, retry: false, timeoutMs: 2000 })
      const first = yield* Effect.fork(crm.insert(calls(1, "A")))
      yield* TestClock.adjust(1000)
      const second = yield* Effect.fork(crm.insert(calls(1, "B")))
      yield* TestClock.adjust(1000)
      expect(signals.map((signal) => signal.aborted)).toEqual([true, false])
      expect(yield* Effect.flip(Fiber.join(first))).toMatchObject({ reason: "Timeout" })
      expect(second.unsafePoll()).toBeNull()
      yield* TestClock.adjust(1000)
      expect(signals.map((signal) => signal.aborted)).toEqual([true, true])
      expect(yield* Effect.flip(Fiber.join(second))).toMatchObject({ reason: "Timeout" })
    }),
  )

  it.scoped("one timer for all the requests in flight, none once they are over", () =>
    countingTimers(({ pending, adjust }) =>
      Effect.gen(function* () {
        const answers = yield* Deferred.make<void>()
        const { send: answer } = scripted()
        let requests = 0
        const send: HttpSend = (request, signal) => {
          requests += 1
          return Effect.zipRight(Deferred.await(answers), answer(request, signal))
        }
        const crm = yield* client(send, { pacing: false })
        const fibers = yield* Effect.forEach(calls(15), (call) => Effect.fork(crm.insert([call])))
        yield* adjust(1)
        // Three requests of five wait for their answers, under one timer: that of the client's insert queue.
        expect(requests).toBe(3)
        expect(pending()).toBe(1)
        yield* Deferred.succeed(answers, undefined)
        yield* Effect.forEach(fibers, Fiber.join)
        yield* adjust(1)
        // An idle client holds no timer: a process that forgot to close it can still exit.
        expect(pending()).toBe(0)
      }),
    ),
  )
})

describe("A retried insert that finds its activity keeps what the caller needs", () => {
  it.scoped("after a lost answer: Activity already exists, its ActivityId, retried: true", () =>
    Effect.gen(function* () {
      const { send } = scripted((request, n) =>
        n === 1 ? transportError("ConnectionReset") : existingReply(request, (InteractionId) => `A-${InteractionId}`),
      )
      const crm = yield* client(send)
      const [results] = yield* concurrently([crm.insert(calls(2))])
      expect(results).toEqual([
        {
          Status: "Activity already exists",
          InteractionId: "C1",
          AgentOfferTime: 1287786900,
          ActivityId: "A-C1",
          retried: true,
        },
        {
          Status: "Activity already exists",
          InteractionId: "C2",
          AgentOfferTime: 1287786900,
          ActivityId: "A-C2",
          retried: true,
        },
      ])
    }),
  )

  it.scoped("an answer the transport had to send twice on its own counts as a retry too", () =>
    Effect.gen(function* () {
      const { send } = scripted((request) => ({
        ...existingReply(request, () => "A-1"),
        resent: true,
      }))
      const crm = yield* client(send)
      const [results] = yield* concurrently([crm.insert(calls(1))])
      expect(results![0]).toMatchObject({ Status: "Activity already exists", ActivityId: "A-1", retried: true })
    }),
  )

  it.scoped("even when that answer was a rate-limit fault, and the retry finds the activity", () =>
    Effect.gen(function* () {
      const { send } = scripted((request, n) =>
        n === 1 ? { ...faultReply(Faults.rateLimited(10)), resent: true } : existingReply(request, () => "A-1"),
      )
      const crm = yield* client(send)
      const [results] = yield* concurrently([crm.insert(calls(1))])
      expect(results![0]).toMatchObject({ Status: "Activity already exists", retried: true })
    }),
  )

  it.scoped("a first attempt that finds the activity is not marked retried", () =>
    Effect.gen(function* () {
      const { send } = scripted((request) => existingReply(request, () => "A-1"))
      const crm = yield* client(send)
      const [results] = yield* concurrently([crm.insert(calls(1))])
      expect(results![0]).not.toHaveProperty("retried")
    }),
  )
})

describe("Cancelled calls", () => {
  it.scoped("a call interrupted while waiting for its turn: its interactions are dropped, the others' go", () =>
    Effect.gen(function* () {
      const { send, sent } = scripted()
      const crm = yield* client(send)
      const first = yield* Effect.fork(crm.insert(calls(1, "A")))
      yield* TestClock.adjust(10)
      const dropped = yield* Effect.fork(crm.insert(calls(2, "B")))
      const kept = yield* Effect.fork(crm.insert(calls(2, "C")))
      yield* TestClock.adjust(10)
      yield* Fiber.interrupt(dropped)
      yield* TestClock.adjust(60_000)
      yield* Fiber.join(first)
      expect((yield* Fiber.join(kept)).map((result) => result.Status)).toEqual(["OK", "OK"])
      expect(sent.map(({ request }) => idsOf(request.body))).toEqual([["A1"], ["C1", "C2"]])
    }),
  )

  it.scoped("a call interrupted while its request is in flight: the request is cancelled, no timer is left", () =>
    countingTimers(({ pending, adjust }) =>
      Effect.gen(function* () {
        const { send, signals } = unanswered()
        const crm = yield* client(send, { pacing: false })
        const call = yield* Effect.fork(crm.insert(calls(2)))
        yield* adjust(1)
        expect(pending()).toBe(1)
        yield* Fiber.interrupt(call)
        yield* adjust(1)
        expect(signals.map((signal) => signal.aborted)).toEqual([true])
        expect(pending()).toBe(0)
      }),
    ),
  )
})

describe("Closing the client", () => {
  it.effect("aborts the signal of every request in flight, and the calls waiting die", () =>
    Effect.gen(function* () {
      const { send, signals } = unanswered()
      const scope = yield* Scope.make()
      const crm = yield* Scope.extend(client(send, { pacing: false, concurrency: 2 }), scope)
      const calls10 = yield* Effect.forEach(calls(10), (call) => Effect.fork(crm.insert([call])))
      yield* TestClock.adjust(1)
      expect(signals.map((signal) => signal.aborted)).toEqual([false, false])
      yield* Scope.close(scope, Exit.void)
      expect(signals.map((signal) => signal.aborted)).toEqual([true, true])
      const exits = yield* Effect.forEach(calls10, Fiber.await)
      expect(exits.every(Exit.isFailure)).toBe(true)
    }),
  )
})

describe("All clients of one user at one endpoint share one pacer", () => {
  it.scoped("two clients' requests are spaced as one user's", () =>
    Effect.gen(function* () {
      const { send, sent } = scripted()
      const options = { endpoint: `${endpoint}?shared`, ...user }
      const one = yield* makeCtiClient(options, send)
      const other = yield* makeCtiClient(options, send)
      yield* concurrently([one.insert(calls(1, "A")), other.insert(calls(1, "B"))])
      expect(sent.map(({ at }) => at)).toEqual([0, 50])
    }),
  )

  it.scoped("another user's client is not held by them", () =>
    Effect.gen(function* () {
      const { send, sent } = scripted()
      const one = yield* makeCtiClient({ endpoint: `${endpoint}?apart`, ...user }, send)
      const other = yield* makeCtiClient({ endpoint: `${endpoint}?apart`, ...user, username: "OKP/call.agent" }, send)
      yield* concurrently([one.insert(calls(1, "A")), other.insert(calls(1, "B"))])
      expect(sent.map(({ at }) => at)).toEqual([0, 0])
    }),
  )
})

describe("Pacing as the service sees it: the limit counted from the answer, or from marginMs after sending", () => {
  it.scoped(
    "an answer after 5 ms: the next request 50 ms after it less half the round trip; one after 30 ms: 50 ms after the margin of 10",
    () =>
      Effect.gen(function* () {
        const { send: answer, sent } = scripted()
        const delays = [5, 30, 0]
        let requests = 0
        const send: HttpSend = (request, signal) =>
          Effect.zipLeft(answer(request, signal), Effect.sleep(delays[requests++] ?? 0))
        const crm = yield* client(send)
        yield* concurrently([crm.insert(calls(15))])
        // 5 ms less half the shortest round trip (2.5: the pacer's clock counts fractions of a millisecond); then the
        // margin, 10 ms after sending at 52.5.
        expect(sent.map(({ at }) => at)).toEqual([0, 52.5, 112.5])
      }),
  )
})

describe("The pacer's margin widens with each rate-limit fault", () => {
  it.scoped("after a fault with RequestWait 3, a slow answer is assumed stamped 15 ms after sending, not 10", () =>
    Effect.gen(function* () {
      const { send: answer, sent } = scripted((request, n) =>
        n === 1 ? faultReply(Faults.rateLimited(3)) : okReply(request),
      )
      const delays = [0, 40, 0]
      let requests = 0
      const send: HttpSend = (request, signal) =>
        Effect.zipLeft(answer(request, signal), Effect.sleep(delays[requests++] ?? 0))
      const crm = yield* client(send)
      yield* concurrently([crm.insert(calls(10))])
      const [first, retried, next] = sent.map(({ at }) => at)
      expect([first, retried]).toEqual([0, 50])
      // 50 ms after 50 + 10 + 3 + 2 (less a fiftieth of a millisecond for the answer between).
      expect(next).toBeGreaterThan(114)
    }),
  )
})

describe("An interaction whose budget runs out while it waits for its turn", () => {
  it.scoped("fails with its last request's error, not a generic timeout", () =>
    Effect.gen(function* () {
      const { send: answer } = scripted((request, n) =>
        n === 1 ? faultReply(Faults.rateLimited(900)) : n === 2 ? faultReply(Faults.rateLimited(10)) : okReply(request),
      )
      // The second request's answer takes 80 ms: the next turn (50 ms after it) comes after the call's budget.
      let requests = 0
      const send: HttpSend = (request, signal) =>
        Effect.zipLeft(answer(request, signal), Effect.sleep(requests++ === 1 ? 80 : 0))
      const crm = yield* client(send, { retry: { maxElapsed: 1000 } })
      const [error] = yield* concurrently([Effect.flip(crm.insert(calls(1)))])
      expect(error).toEqual(Faults.rateLimited(10))
    }),
  )
})

describe("A slot source that fails", () => {
  it.scoped(
    "fails the calls waiting for that turn with its defect, and the next call is sent once it grants turns",
    () =>
      Effect.gen(function* () {
        const { send, sent } = scripted()
        let claims = 0
        const slots: SlotSourceFactory = () => ({
          claim: () => {
            claims += 1
            return claims === 1
              ? Effect.die(new Error("the store refused"))
              : Effect.succeed({ sent: () => Effect.void, answered: Effect.void, release: Effect.void })
          },
          hold: () => Effect.void,
          close: Effect.void,
        })
        const crm = yield* makeCtiClient({ endpoint: `${endpoint}?slots-${Math.random()}`, ...user }, send, slots)
        const failed = yield* Effect.exit(crm.insert(calls(2, "F")))
        expect(Exit.isFailure(failed) && Cause.squash(failed.cause)).toMatchObject({ message: "the store refused" })
        expect(sent).toHaveLength(0)
        const logged = yield* crm.insert(calls(1, "G"))
        expect(logged.map((result) => result.Status)).toEqual(["OK"])
        expect(sent).toHaveLength(1)
      }),
  )
})
