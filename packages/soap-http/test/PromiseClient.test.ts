import { CtiFault, Faults } from "@crmod-cti/core"
import { makeDemoEmulator } from "@crmod-cti/emulator"
import { CtiTransportError, makeCtiClient, makeCtiRequestHandler, toPromiseClient } from "@crmod-cti/soap-http"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { calls, endpoint, inProcess, scripted, transportError, user } from "./helpers.js"

const promiseClient = async (password: string = user.password) => {
  const emulator = await Effect.runPromise(makeDemoEmulator({ limits: { rateLimiter: false } }))
  const send = inProcess(makeCtiRequestHandler({ authenticator: emulator }))
  return toPromiseClient(Effect.runSync(makeCtiClient({ endpoint, ...user, password }, send)))
}

describe("The Promise API, for callers who do not use Effect", () => {
  it("resolves with the results of both operations", async () => {
    const crm = await promiseClient()
    expect((await crm.insert(calls(7))).map((result) => result.Status)).toEqual(Array(7).fill("OK"))
    expect((await crm.wrapUp(calls(7))).map((result) => result.Status)).toEqual(Array(7).fill("OK"))
  })

  it("rejects with the CtiFault itself, not a wrapper", async () => {
    const error = await (await promiseClient("wrong")).insert(calls(1)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CtiFault)
    expect(error).toEqual(Faults.authenticationFailed())
  })

  it("rejects with the CtiTransportError itself", async () => {
    const { send } = scripted(() => transportError("ConnectionRefused"))
    const crm = toPromiseClient(Effect.runSync(makeCtiClient({ endpoint, ...user, retry: false }, send)))
    const error = await crm.wrapUp(calls(1)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CtiTransportError)
    expect(error).toMatchObject({ reason: "ConnectionRefused", endpoint })
  })
})
