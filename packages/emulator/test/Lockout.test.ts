import { CtiFault } from "@crmod-cti/core"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, TestClock } from "effect"
import { DemoUsers, type EmulatorShape, type PasswordHasher } from "@crmod-cti/emulator"
import { demoEmulator, noLimits } from "./fixtures.js"

const right = { username: DemoUsers.callAgent, password: "password" }
const wrong = { username: DemoUsers.callAgent, password: "passwort" }

/** The fault of a refused sign-in, as the service and the sign-in page see it. */
const refusal = (emulator: EmulatorShape, token: { username: string; password: string }) =>
  Effect.flip(emulator.authenticate(token))

const failTimes = (emulator: EmulatorShape, n: number) =>
  Effect.repeatN(Effect.either(emulator.authenticate(wrong)), n - 1)

const signsIn = (emulator: EmulatorShape) => Effect.map(Effect.either(emulator.authenticate(right)), Either.isRight)

describe("sign-in lockout (CONTRACT.md §9, Oracle's company sign-in policy)", () => {
  it.effect("5 failed sign-ins in a row lock the user for 15 minutes, even with the right password", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      yield* failTimes(emulator, 4)
      expect(yield* signsIn(emulator)).toBe(true)
      yield* failTimes(emulator, 5)
      expect(yield* signsIn(emulator)).toBe(false)
      expect(Either.isLeft(yield* Effect.either(emulator.signIn(right.username, right.password)))).toBe(true)
      yield* TestClock.adjust("14 minutes")
      expect(yield* signsIn(emulator)).toBe(false)
      yield* TestClock.adjust("1 minute")
      expect(yield* signsIn(emulator)).toBe(true)
      // Other users are not locked by someone else's failures.
      expect(yield* Effect.either(emulator.authenticate({ ...right, username: DemoUsers.mosDef }))).toMatchObject({
        _tag: "Right",
      })
    }),
  )

  it.effect("a success resets the count: failures must be in a row", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      for (let round = 0; round < 3; round++) {
        yield* failTimes(emulator, 4)
        expect(yield* signsIn(emulator)).toBe(true)
      }
      expect((yield* emulator.administration.signInState(DemoUsers.callAgent)).failures).toBe(0)
    }),
  )

  it.effect("the sign-in page's signIn counts toward the same lockout as SOAP", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      yield* failTimes(emulator, 2)
      yield* Effect.repeatN(Effect.either(emulator.signIn(wrong.username, wrong.password)), 2)
      expect(yield* signsIn(emulator)).toBe(false)
      expect(yield* emulator.administration.signInState(DemoUsers.callAgent)).toMatchObject({ failures: 5 })
    }),
  )

  it.effect("an unknown user, a wrong password and a locked user get the identical fault", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const unknown = yield* refusal(emulator, { username: "OKP/nobody", password: "password" })
      const wrongOne = yield* refusal(emulator, wrong)
      yield* failTimes(emulator, 4)
      const locked = yield* refusal(emulator, right)
      for (const fault of [unknown, wrongOne, locked]) {
        expect(fault).toBeInstanceOf(CtiFault)
        expect({ ...fault }).toEqual({ ...wrongOne })
      }
      expect(wrongOne.message).toBe("The security token could not be authenticated or authorized.")
    }),
  )

  it.effect("an unknown user, a wrong password and a locked user cost the same work: one password check", () =>
    Effect.gen(function* () {
      let checks = 0
      const counting = (inner: PasswordHasher): PasswordHasher => ({
        hash: inner.hash,
        verify: (password, hash) => Effect.tap(inner.verify(password, hash), () => void checks++),
      })
      const emulator = yield* demoEmulator({ passwordHasher: counting(noLimits.passwordHasher) })
      const checksOf = (token: { username: string; password: string }) =>
        Effect.gen(function* () {
          const before = checks
          yield* Effect.either(emulator.authenticate(token))
          return checks - before
        })
      expect(yield* checksOf({ username: "OKP/nobody", password: "password" })).toBe(1)
      expect(yield* checksOf(wrong)).toBe(1)
      yield* failTimes(emulator, 4)
      expect(yield* checksOf(right)).toBe(1)
      expect(yield* checksOf(wrong)).toBe(1)
      // A password verified before costs no check at all (and is the only thing that does not).
      expect(yield* checksOf({ username: DemoUsers.mosDef, password: "password" })).toBe(1)
      expect(yield* checksOf({ username: DemoUsers.mosDef, password: "password" })).toBe(0)
    }),
  )

  it.effect("concurrent guesses are stopped at the limit like guesses one after the other", () =>
    Effect.gen(function* () {
      // A hasher that lets other fibers run before it answers, as scrypt on the thread pool does.
      const yielding: PasswordHasher = {
        hash: noLimits.passwordHasher.hash,
        verify: (password, hash) => Effect.zipRight(Effect.yieldNow(), noLimits.passwordHasher.verify(password, hash)),
      }
      const emulator = yield* demoEmulator({ passwordHasher: yielding })
      const guesses = Array.from({ length: 20 }, (_, n) => ({ ...wrong, password: `guess-${n}` }))
      yield* Effect.forEach(guesses, (token) => Effect.either(emulator.authenticate(token)), {
        concurrency: "unbounded",
      })
      expect(yield* signsIn(emulator)).toBe(false)
      expect((yield* emulator.administration.signInState(DemoUsers.callAgent)).failures).toBe(5)
    }),
  )

  it.effect("3 attempts and until unlocked: only the administrator's unlock lets the user in again", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator({ lockout: { attempts: 3, minutes: "until unlocked" } })
      yield* failTimes(emulator, 3)
      yield* TestClock.adjust("365 days")
      expect(yield* signsIn(emulator)).toBe(false)
      expect((yield* emulator.administration.signInState(DemoUsers.callAgent)).lockedUntil).toBe(
        Number.POSITIVE_INFINITY,
      )
      yield* emulator.administration.unlock(DemoUsers.callAgent)
      expect(yield* signsIn(emulator)).toBe(true)
    }),
  )

  it.effect("10 attempts and 60 minutes", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator({ lockout: { attempts: 10, minutes: 60 } })
      yield* failTimes(emulator, 9)
      expect(yield* signsIn(emulator)).toBe(true)
      yield* failTimes(emulator, 10)
      yield* TestClock.adjust("59 minutes")
      expect(yield* signsIn(emulator)).toBe(false)
      yield* TestClock.adjust("1 minute")
      expect(yield* signsIn(emulator)).toBe(true)
    }),
  )

  it.effect("lockout: false switches it off", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator({ lockout: false })
      yield* failTimes(emulator, 50)
      expect(yield* signsIn(emulator)).toBe(true)
    }),
  )

  it.effect("a policy Oracle does not offer is refused, naming the field and the value", () =>
    Effect.gen(function* () {
      const attempts = yield* Effect.flip(demoEmulator({ lockout: { attempts: 4 as 5 } }).pipe(Effect.sandbox))
      expect(String(attempts)).toContain("lockout.attempts must be 3, 5 or 10, got 4")
      const minutes = yield* Effect.flip(demoEmulator({ lockout: { minutes: 20 as 15 } }).pipe(Effect.sandbox))
      expect(String(minutes)).toContain('lockout.minutes must be 15, 30, 60 or "until unlocked", got 20')
    }),
  )

  it.effect("an administrator's unlock of an unknown user fails", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      expect((yield* Effect.flip(emulator.administration.unlock("OKP/nobody"))).reason).toBe("UnknownUser")
    }),
  )
})
