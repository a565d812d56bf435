/**
 * What one stateless request costs the emulator through its public API: the sign-in of the request's
 * UsernameToken (its password verified before, so no scrypt) and the insert of one new interaction, run with
 * `Effect.runSync` as a server transport would. Run: `npx vitest bench --project emulator --run`.
 */
import type { Interaction } from "@crmod-cti/core"
import { Effect } from "effect"
import { bench, describe } from "vitest"
import { DemoPassword, DemoUsers, DemoValues, type EmulatorShape, makeDemoEmulator } from "@crmod-cti/emulator"

const token = { username: DemoUsers.mosDef, password: DemoPassword }

/** A demo emulator whose agent has signed in once already (the one scrypt run is not what is measured). */
const signedIn = async (limits: { readonly operationsAllotment: false | number }) => {
  const emulator = await Effect.runPromise(makeDemoEmulator({ limits: { rateLimiter: false, ...limits } }))
  await Effect.runPromise(emulator.authenticate(token))
  return emulator
}

/** A request inserting one new inbound call from Fred Hong's work phone: an identity check and a phone lookup. */
const requester = (emulator: EmulatorShape, name: string) => {
  let n = 0
  return () => {
    n++
    const call: Interaction = {
      InteractionId: `${name}-${n}`,
      AgentOfferTime: 1_800_000_000,
      ChannelType: "Inbound Call",
      Origin: DemoValues.fredHongWorkPhone,
    }
    const [result] = Effect.runSync(
      Effect.flatMap(emulator.authenticate(token), (session) => session.service.insert([call])),
    )
    if (result?.Status !== "OK" || result.ContactId === undefined) {
      throw new Error(`unexpected ${JSON.stringify(result)}`)
    }
  }
}

const signInOnly = (emulator: EmulatorShape) => () => {
  Effect.runSync(emulator.authenticate(token))
}

const unlimited = await signedIn({ operationsAllotment: false })
const allotted = await signedIn({ operationsAllotment: 1_000_000_000 })

describe("one request: sign-in with a verified password, then insert one interaction", () => {
  bench("sign-in only", signInOnly(unlimited), { time: 2000, warmupTime: 500 })
  bench("sign-in + insert, limiters off", requester(unlimited, "off"), { time: 2000, warmupTime: 500 })
  bench("sign-in + insert, operations allotment on", requester(allotted, "allotted"), {
    time: 2000,
    warmupTime: 500,
  })
})
