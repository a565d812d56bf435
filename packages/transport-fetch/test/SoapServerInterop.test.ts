import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { CtiFault, Faults } from "@crmod-cti/core"
import { ctiActivityWsdl } from "@crmod-cti/soap-codec"
import { Effect, Either } from "effect"
import * as soap from "soap"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { clients, type RunningClient } from "./helpers/clients.js"
import { mosDef } from "./helpers/servers.js"
import { calls, chapterInsert } from "./helpers/soap.js"

interface SoapInteraction {
  readonly InteractionId: string
  readonly AgentOfferTime: number
  readonly ChannelType: string
}
interface SoapInput {
  readonly ListOfInteraction: { readonly Interaction: SoapInteraction | ReadonlyArray<SoapInteraction> }
}
interface SoapSecurity {
  readonly UsernameToken?: { readonly Username?: string; readonly Password?: string | { readonly $value?: string } }
}

/**
 * The CTI Activity Web service written with the `soap` package from our WSDL: activities in a Map by identity,
 * the UsernameToken checked, `Access Denied` thrown as a SOAP fault for chats.
 */
const soapService = () => {
  const activities = new Map<string, { id: string; wrappedUp: boolean }>()
  const list = (input: SoapInput) => [input.ListOfInteraction.Interaction].flat()
  const key = (interaction: SoapInteraction) => `${interaction.InteractionId}|${interaction.AgentOfferTime}`
  return {
    activities,
    service: {
      CTIActivity: {
        CTIActivity: {
          CTIActivityInsert: (input: SoapInput) => {
            if (list(input).some((interaction) => interaction.ChannelType.includes("Chat"))) {
              throw { Fault: { faultcode: "soap:Client", faultstring: "Access Denied" } }
            }
            return {
              ListOfActivity: {
                Activity: list(input).map((interaction) => {
                  const known = activities.get(key(interaction))
                  const id = known?.id ?? `SOAP-${activities.size + 1}`
                  if (known === undefined) activities.set(key(interaction), { id, wrappedUp: false })
                  return {
                    Status: known === undefined ? "OK" : "Activity already exists",
                    InteractionId: interaction.InteractionId,
                    AgentOfferTime: interaction.AgentOfferTime,
                    ActivityId: id,
                    ...(known === undefined ? { ScreenPopRecordId: id, ScreenPopRecordType: "Activity" } : {}),
                  }
                }),
              },
            }
          },
          CTIActivityWrapUp: (input: SoapInput) => ({
            ListOfActivity: {
              Activity: list(input).map((interaction) => {
                const known = activities.get(key(interaction))
                const status =
                  known === undefined
                    ? "Activity not found"
                    : known.wrappedUp
                      ? "Activity has already been wrapped up"
                      : "OK"
                if (known !== undefined) known.wrappedUp = true
                return {
                  Status: status,
                  InteractionId: interaction.InteractionId,
                  AgentOfferTime: interaction.AgentOfferTime,
                }
              }),
            },
          }),
        },
      },
    },
  }
}

describe("Our clients use a server built with the soap package from our WSDL", () => {
  let httpServer: http.Server
  let endpoint: string
  let tokens: Array<{ username: string | undefined; password: string | undefined }>
  const implementation = soapService()

  beforeAll(async () => {
    httpServer = http.createServer()
    await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve))
    endpoint = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/Services/Integration`
    const soapServer = soap.listen(
      httpServer,
      "/Services/Integration",
      implementation.service,
      ctiActivityWsdl(endpoint),
    )
    tokens = []
    soapServer.authenticate = (header?: SoapSecurity) => {
      const token = header?.UsernameToken
      const password = typeof token?.Password === "string" ? token.Password : token?.Password?.$value
      tokens.push({ username: token?.Username, password })
      return token?.Username === mosDef.username && password === mosDef.password
    }
  })
  afterAll(async () => {
    httpServer.closeAllConnections()
    await new Promise((resolve) => httpServer.close(resolve))
  })

  for (const [name, makeClient] of clients) {
    describe(name, () => {
      let running: RunningClient
      beforeAll(async () => {
        running = await makeClient({ endpoint, ...mosDef, retry: false })
      })
      afterAll(() => running.close())

      it("CTIActivityInsert: results decoded, a repeat is Activity already exists", async () => {
        const interactions = chapterInsert(`${name.length}0000`).filter((i) => !i.ChannelType.includes("Chat"))
        const results = await Effect.runPromise(running.client.insert(interactions))
        expect(results.map((result) => [result.Status, result.InteractionId])).toEqual(
          interactions.map((interaction) => ["OK", interaction.InteractionId]),
        )
        expect(results[0]?.ScreenPopRecordType).toBe("Activity")
        const again = await Effect.runPromise(running.client.insert(interactions.slice(0, 1)))
        expect(again).toEqual([
          {
            Status: "Activity already exists",
            InteractionId: interactions[0]?.InteractionId,
            AgentOfferTime: 1287786900,
            ActivityId: results[0]?.ActivityId,
          },
        ])
        expect(tokens.at(-1)).toEqual({ username: mosDef.username, password: mosDef.password })
      })

      it("CTIActivityWrapUp, of seven interactions in two requests", async () => {
        const interactions = calls(`${name}-wrap`, 7)
        await Effect.runPromise(running.client.insert(interactions))
        const results = await Effect.runPromise(running.client.wrapUp(interactions))
        expect(results.map((result) => [result.InteractionId, result.Status])).toEqual(
          interactions.map((interaction) => [interaction.InteractionId, "OK"]),
        )
      })

      it("the soap package's fault is recognised as the contract's", async () => {
        const chat = { InteractionId: "chat", AgentOfferTime: 1, ChannelType: "Inbound Chat" } as const
        const outcome = await Effect.runPromise(Effect.either(running.client.insert([chat])))
        expect(outcome).toEqual(Either.left(Faults.accessDenied()))
        expect(Either.isLeft(outcome) && outcome.left instanceof CtiFault).toBe(true)
      })
    })
  }
})
