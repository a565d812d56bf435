import { Faults } from "@crmod-cti/core"
import { DemoIds, DemoPassword, DemoUsers, makeDemoEmulator } from "@crmod-cti/emulator"
import { makeCtiApp, type RunningServer, serve } from "@crmod-cti/emulator-http"
import { Effect } from "effect"
import * as soap from "soap"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

// The `soap` package's view of the service: element names as in the WSDL, values typed by its schema.
interface SoapActivity {
  readonly Status: string
  readonly InteractionId: string
  readonly AgentOfferTime: number
  readonly [field: string]: unknown
}
interface SoapOutput {
  readonly ListOfActivity: { readonly Activity: ReadonlyArray<SoapActivity> }
}
type SoapCall = (args: unknown) => Promise<[SoapOutput, string, unknown, string]>

const basic = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`

const security = (username: string, password: string) =>
  new soap.WSSecurity(username, password, { hasTimeStamp: true, hasNonce: true, passwordType: "PasswordText" })

describe("The soap package, a SOAP stack we did not write, uses our server", () => {
  let server: RunningServer
  let client: soap.Client
  let wsdlUrl: string

  beforeAll(async () => {
    const emulator = await Effect.runPromise(makeDemoEmulator({ limits: { rateLimiter: false } }))
    server = await serve(makeCtiApp({ authenticator: emulator }))
    wsdlUrl = `${server.url}/Services/Integration/CTIActivity?wsdl`
    client = await soap.createClientAsync(wsdlUrl, {
      wsdl_headers: { Authorization: basic(DemoUsers.mosDef, DemoPassword) },
    })
    client.setSecurity(security(DemoUsers.mosDef, DemoPassword))
  })
  afterAll(() => server.close())

  const call = (operation: "CTIActivityInsertAsync" | "CTIActivityWrapUpAsync") =>
    (client as unknown as Record<string, SoapCall>)[operation]!

  it("loads the WSDL with HTTP Basic credentials and finds both operations at our soap:address", () => {
    const operations = client.describe().CTIActivity.CTIActivity
    expect(Object.keys(operations)).toEqual(["CTIActivityInsert", "CTIActivityWrapUp"])
  })

  it("refuses to load the WSDL without credentials", async () => {
    await expect(soap.createClientAsync(wsdlUrl, { disableCache: true })).rejects.toThrow()
  })

  it("CTIActivityInsert with its own WS-Security header (Timestamp, Nonce): the chapter's call", async () => {
    const [output, , , request] = await call("CTIActivityInsertAsync")({
      ListOfInteraction: {
        Interaction: [
          { InteractionId: "SOAP-1", AgentOfferTime: 1287786900, ChannelType: "Inbound Call", Origin: "15551111212" },
          {
            InteractionId: "SOAP-2",
            AgentOfferTime: 1287786900,
            ChannelType: "Inbound Chat",
            Origin: "jsoap@match.com",
          },
        ],
      },
    })
    expect(request).toContain("<wsu:Timestamp")
    expect(request).toContain("<wsse:Nonce")
    const [call_, chat] = output.ListOfActivity.Activity
    expect(call_).toMatchObject({
      Status: "OK",
      InteractionId: "SOAP-1",
      AgentOfferTime: 1287786900,
      ContactId: DemoIds.fredHong,
      ContactFullName: "Fred Hong",
      ScreenPopRecordType: "Contact",
      ScreenPopRecordId: DemoIds.fredHong,
    })
    expect(call_?.ActivityId).toMatch(/^1QA2-[0-9A-Z]+$/)
    expect(chat).toMatchObject({ Status: "OK", InteractionId: "SOAP-2", ScreenPopRecordType: "Activity" })
  })

  it("CTIActivityWrapUp", async () => {
    const interaction = { InteractionId: "SOAP-3", AgentOfferTime: 1287786900, ChannelType: "Inbound Call" }
    await call("CTIActivityInsertAsync")({ ListOfInteraction: { Interaction: [interaction] } })
    const [output] = await call("CTIActivityWrapUpAsync")({ ListOfInteraction: { Interaction: [interaction] } })
    expect(output.ListOfActivity.Activity).toEqual([
      { Status: "OK", InteractionId: "SOAP-3", AgentOfferTime: 1287786900 },
    ])
  })

  it("a fault reaches it as a SOAP 1.1 fault with the contract's text", async () => {
    client.setSecurity(security(DemoUsers.mosDef, "wrong"))
    try {
      const failed = call("CTIActivityInsertAsync")({
        ListOfInteraction: {
          Interaction: [{ InteractionId: "SOAP-4", AgentOfferTime: 1, ChannelType: "Inbound Call" }],
        },
      })
      await expect(failed).rejects.toMatchObject({
        root: { Envelope: { Body: { Fault: { faultstring: Faults.authenticationFailed().message } } } },
      })
    } finally {
      client.setSecurity(security(DemoUsers.mosDef, DemoPassword))
    }
  })
})
