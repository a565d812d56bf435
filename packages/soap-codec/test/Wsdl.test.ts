import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { createServer, type IncomingHttpHeaders, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import {
  ChannelTypes,
  InsertResultElements,
  InteractionElements,
  MaxInteractionsPerRequest,
  RequiredElements,
  StringLimits,
} from "@crmod-cti/core"
import {
  ctiActivityWsdl,
  decodeRequest,
  encodeInsertResponse,
  encodeWrapUpResponse,
  SoapActions,
} from "@crmod-cti/soap-codec"
import * as soap from "soap"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { right } from "./Helpers.js"

const wsdl = ctiActivityWsdl("http://127.0.0.1:8080/Services/Integration")

const elementDeclaration = (name: string) =>
  new RegExp(
    `<xsd:element name="${name}" minOccurs="(\\d)" maxOccurs="1"(?: type="[^"]+"/>|>[^]*?</xsd:element>)`,
  ).exec(wsdl)

describe("The WSDL's data schema is generated from the core's schemas", () => {
  it("declares every Interaction element, in the chapter's order", () => {
    const interaction = wsdl.slice(wsdl.indexOf('<xsd:complexType name="Interaction">'))
    const names = [...interaction.slice(0, interaction.indexOf("</xsd:all>")).matchAll(/name="(\w+)" minOccurs/g)]
    expect(names.map((match) => match[1])).toEqual(InteractionElements)
  })

  it("declares every Activity element, in the chapter's order", () => {
    const activity = wsdl.slice(wsdl.indexOf('<xsd:complexType name="Activity">'))
    const names = [...activity.slice(0, activity.indexOf("</xsd:all>")).matchAll(/name="(\w+)" minOccurs/g)]
    expect(names.map((match) => match[1])).toEqual(InsertResultElements)
  })

  it("requires exactly the required elements", () => {
    for (const name of InteractionElements) {
      const required = (RequiredElements as ReadonlyArray<string>).includes(name)
      expect(elementDeclaration(name)?.[1], name).toBe(required ? "1" : "0")
    }
  })

  it("gives every String (n) its length limit", () => {
    for (const [name, limit] of Object.entries(StringLimits)) {
      expect(elementDeclaration(name)?.[0], name).toContain(`<xsd:maxLength value="${limit}"/>`)
    }
  })

  it("gives the LOVs their values, epoch times a long and CreateServiceRequest a boolean", () => {
    for (const channel of ChannelTypes) {
      expect(elementDeclaration("ChannelType")?.[0]).toContain(`<xsd:enumeration value="${channel}"/>`)
    }
    expect(elementDeclaration("AgentOfferTime")?.[0]).toContain('<xsd:restriction base="xsd:long">')
    expect(elementDeclaration("CreateServiceRequest")?.[0]).toContain('type="xsd:boolean"')
  })

  it("holds the statuses of both operations in the shared Activity", () => {
    expect(elementDeclaration("Status")?.[0]).toContain('<xsd:enumeration value="Activity already exists"/>')
    expect(elementDeclaration("Status")?.[0]).toContain('<xsd:enumeration value="Multiple activites found"/>')
  })

  it("allows at most five interactions a request", () => {
    expect(wsdl).toContain(
      `<xsd:element name="Interaction" type="apData:Interaction" minOccurs="1" maxOccurs="${MaxInteractionsPerRequest}"/>`,
    )
  })
})

describe("The WSDL's binding and service", () => {
  it("binds both operations over SOAP 1.1 document/literal with the contract's soapActions", () => {
    expect(wsdl).toContain('<soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>')
    expect(wsdl).toContain(
      '<soap:operation soapAction="document/urn:crmondemand/ws/odctibs/ctiactivity/:CTIActivityInsert"/>',
    )
    expect(wsdl).toContain(
      '<soap:operation soapAction="document/urn:crmondemand/ws/odctibs/ctiactivity/:CTIActivityWrapUp"/>',
    )
  })

  it("places the service at the given address, escaped", () => {
    expect(ctiActivityWsdl("https://crm.example/Services/Integration?a=1&b=2")).toContain(
      '<soap:address location="https://crm.example/Services/Integration?a=1&amp;b=2"/>',
    )
  })
})

describe("An independent WSDL processor (the `soap` package) accepts the WSDL and interoperates", () => {
  interface Exchange {
    readonly headers: IncomingHttpHeaders
    readonly body: string
  }
  const received: Array<Exchange> = []
  let server: Server
  let directory: string
  let client: soap.Client

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = ""
      request.setEncoding("utf8")
      request.on("data", (chunk: string) => {
        body += chunk
      })
      request.on("end", () => {
        received.push({ headers: request.headers, body })
        const decoded = right(decodeRequest(body))
        const echo = decoded.interactions.map(({ InteractionId, AgentOfferTime }) => ({
          Status: "OK" as const,
          InteractionId,
          AgentOfferTime,
        }))
        response.writeHead(200, { "content-type": "text/xml; charset=utf-8" })
        response.end(
          decoded.operation === "CTIActivityInsert"
            ? encodeInsertResponse(
                echo.map((result) => ({ ...result, ActivityId: "1QA2-S78VL", ContactFullName: "Ann <&> O'Neil" })),
              )
            : encodeWrapUpResponse(echo),
        )
      })
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    const { port } = server.address() as AddressInfo
    directory = mkdtempSync(join(tmpdir(), "cti-wsdl-"))
    const path = join(directory, "CTIActivity.wsdl")
    writeFileSync(path, ctiActivityWsdl(`http://127.0.0.1:${port}/Services/Integration`))
    client = await soap.createClientAsync(path)
    client.setSecurity(
      new soap.WSSecurity("OKP/mos.def", "p&ss <word>", {
        passwordType: "PasswordText",
        hasTimeStamp: true,
        hasNonce: true,
        mustUnderstand: true,
      }),
    )
  })

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()))
    rmSync(directory, { recursive: true, force: true })
  })

  it("describes both operations of the service", () => {
    const operations = client.describe().CTIActivity.CTIActivity
    expect(Object.keys(operations)).toEqual(["CTIActivityInsert", "CTIActivityWrapUp"])
  })

  it("generates an insert request that our decoder reads, with the contract's SOAPAction", async () => {
    const interaction = {
      InteractionId: "i-1",
      AgentOfferTime: 1287786900,
      ChannelType: "Inbound Call",
      Origin: "+1 555 & <x>",
      CreateServiceRequest: true,
    }
    const [result] = await client.CTIActivityInsertAsync({ ListOfInteraction: { Interaction: [interaction] } })
    const exchange = received.at(-1)!
    expect(exchange.headers.soapaction).toBe(`"${SoapActions.CTIActivityInsert}"`)
    expect(right(decodeRequest(exchange.body))).toEqual({
      operation: "CTIActivityInsert",
      interactions: [interaction],
      security: { username: "OKP/mos.def", password: "p&ss <word>" },
    })
    expect(result.ListOfActivity.Activity).toEqual([
      {
        Status: "OK",
        InteractionId: "i-1",
        AgentOfferTime: 1287786900,
        ActivityId: "1QA2-S78VL",
        ContactFullName: "Ann <&> O'Neil",
      },
    ])
  })

  it("generates a wrap-up request that our decoder reads", async () => {
    const interaction = { InteractionId: "i-1", AgentOfferTime: 1287786900, ChannelType: "Inbound Call" }
    const [result] = await client.CTIActivityWrapUpAsync({ ListOfInteraction: { Interaction: [interaction] } })
    expect(right(decodeRequest(received.at(-1)!.body))).toMatchObject({
      operation: "CTIActivityWrapUp",
      interactions: [interaction],
    })
    expect(received.at(-1)!.headers.soapaction).toBe(`"${SoapActions.CTIActivityWrapUp}"`)
    expect(result.ListOfActivity.Activity).toEqual([{ Status: "OK", InteractionId: "i-1", AgentOfferTime: 1287786900 }])
  })
})
