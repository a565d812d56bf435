import { CtiAuthenticator } from "@crmod-cti/core"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import {
  DemoUsers,
  EmulatorLive,
  EmulatorStore,
  type EmulatorStoreShape,
  makeInMemoryStore,
  ScryptPasswordHasher,
} from "@crmod-cti/emulator"
import { demoEmulator, emulatorOf, emulatorWithStore, grant, interaction } from "./fixtures.js"

const denied = "The security token could not be authenticated or authorized."

describe("authentication of a request's UsernameToken", () => {
  it.effect("the demo user with the demo password gets a session acting for them", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const session = yield* emulator.authenticate({ username: DemoUsers.callAgent, password: "password" })
      expect(session.user).toEqual({
        signInId: DemoUsers.callAgent,
        company: "OKP",
        privileges: ["Access Call Communications"],
      })
      expect((yield* session.service.insert([interaction("1")]))[0]!.Status).toBe("OK")
      const again = yield* emulator.authenticate({ username: DemoUsers.callAgent, password: "password" })
      expect(again.user.signInId).toBe(DemoUsers.callAgent)
    }),
  )

  it.effect.each([
    ["a wrong password", DemoUsers.mosDef, "Password"],
    ["an empty password", DemoUsers.mosDef, ""],
    ["an unknown user", "OKP/nobody", "password"],
    ["a user name in another case", "okp/mos.def", "password"],
  ] as const)("%s is refused with the contract's fault", ([, username, password]) =>
    Effect.gen(function* () {
      const fault = yield* Effect.flip((yield* demoEmulator()).authenticate({ username, password }))
      expect(fault).toMatchObject({ reason: "AuthenticationFailed", faultCode: "Client", message: denied })
    }),
  )

  it.effect("a wrong password is refused even after the right one was accepted", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      yield* emulator.authenticate({ username: DemoUsers.mosDef, password: "password" })
      expect(
        (yield* Effect.flip(emulator.authenticate({ username: DemoUsers.mosDef, password: "passwore" }))).message,
      ).toBe(denied)
    }),
  )

  it.effect(
    "a burst of concurrent sign-ins, right and wrong passwords mixed, answers each one for its own password",
    () =>
      Effect.gen(function* () {
        const emulator = yield* demoEmulator()
        const passwords = Array.from({ length: 24 }, (_, i) => (i % 3 === 0 ? "Password" : "password"))
        const outcomes = yield* Effect.forEach(
          passwords,
          (password) => Effect.either(emulator.authenticate({ username: DemoUsers.mosDef, password })),
          { concurrency: "unbounded" },
        )
        expect(outcomes.map((outcome) => outcome._tag)).toEqual(
          passwords.map((password) => (password === "password" ? "Right" : "Left")),
        )
      }),
  )

  it.effect("the password option, and a user's own password", () =>
    Effect.gen(function* () {
      const emulator = yield* emulatorOf(
        {
          company: "ACME",
          users: [
            { signInId: "ACME/a", privileges: [] },
            { signInId: "ACME/b", privileges: [], password: "own" },
          ],
        },
        { password: "s3cret" },
      )
      yield* emulator.authenticate({ username: "ACME/a", password: "s3cret" })
      yield* emulator.authenticate({ username: "ACME/b", password: "own" })
      expect((yield* Effect.flip(emulator.authenticate({ username: "ACME/b", password: "s3cret" }))).message).toBe(
        denied,
      )
    }),
  )

  it.effect("passwords are stored as salted scrypt hashes by default, never as text", () =>
    Effect.gen(function* () {
      const store = yield* makeInMemoryStore()
      yield* demoEmulator({ passwordHasher: ScryptPasswordHasher }).pipe(Effect.provideService(EmulatorStore, store))
      const [a, b] = [store.user(DemoUsers.mosDef), store.user(DemoUsers.noCti)]
      expect(a!.credential.algorithm).toBe("scrypt")
      expect(Buffer.from(a!.credential.key).includes(Buffer.from("password"))).toBe(false)
      expect(Buffer.from(a!.credential.salt).equals(Buffer.from(b!.credential.salt))).toBe(false)
      expect(Buffer.from(a!.credential.key).equals(Buffer.from(b!.credential.key))).toBe(false)
    }),
  )
})

describe("a password verified before is checked at once, and the session is reused", () => {
  const token = { username: DemoUsers.callAgent, password: "password" }

  it.effect("the second sign-in runs synchronously and answers the same session", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const first = yield* emulator.authenticate(token)
      // `runSync` throws on anything asynchronous, such as a scrypt run.
      const second = Effect.runSync(emulator.authenticate(token))
      expect(second).toBe(first)
    }),
  )

  it.effect("new privileges give a new session; an earlier session's service sees them too", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const before = yield* emulator.authenticate(token)
      yield* grant(emulator, DemoUsers.callAgent, ["Access Chat Communications"])
      const after = yield* emulator.authenticate(token)
      expect(after).not.toBe(before)
      expect(after.user.privileges).toEqual(["Access Chat Communications"])
      expect((yield* Effect.flip(before.service.insert([interaction("1")]))).message).toBe("Access Denied")
      expect((yield* before.service.insert([interaction("2", "Inbound Chat")]))[0]!.Status).toBe("OK")
    }),
  )

  it.effect("a changed password forgets the one verified before", () =>
    Effect.gen(function* () {
      const { emulator, store } = yield* emulatorWithStore({
        company: "ACME",
        users: [
          { signInId: "ACME/a", privileges: [] },
          { signInId: "ACME/b", privileges: [], password: "own" },
        ],
      })
      yield* emulator.authenticate({ username: "ACME/a", password: "password" })
      const [a, b] = [store.user("ACME/a")!, store.user("ACME/b")!]
      expect(store.updateUser({ ...a, credential: b.credential })._tag).toBe("Right")
      expect((yield* Effect.flip(emulator.authenticate({ username: "ACME/a", password: "password" }))).message).toBe(
        denied,
      )
      yield* emulator.authenticate({ username: "ACME/a", password: "own" })
    }),
  )

  it.effect("a store that reads a new copy of the user each time still checks a known password at once", () =>
    Effect.gen(function* () {
      const memory = yield* makeInMemoryStore()
      const copying: EmulatorStoreShape = {
        ...memory,
        user: (signInId) => {
          const user = memory.user(signInId)
          return user === undefined
            ? undefined
            : {
                ...user,
                credential: {
                  ...user.credential,
                  salt: user.credential.salt.slice(),
                  key: user.credential.key.slice(),
                },
              }
        },
      }
      const emulator = yield* demoEmulator().pipe(Effect.provideService(EmulatorStore, copying))
      yield* emulator.authenticate(token)
      expect(Effect.runSync(emulator.authenticate(token)).user.signInId).toBe(DemoUsers.callAgent)
    }),
  )
})

describe("the emulator as the core's CtiAuthenticator", () => {
  it.effect("EmulatorLive provides it", () =>
    Effect.gen(function* () {
      const authenticator = yield* CtiAuthenticator
      const session = yield* authenticator.authenticate({ username: DemoUsers.mosDef, password: "password" })
      expect(session.user.privileges).toContain("Manage CTI On Demand Access")
    }).pipe(Effect.provide(EmulatorLive())),
  )
})
