import type { Interaction, WrapUpInteraction } from "@crmod-cti/core"
import { SoapEnvelopeNamespace } from "@crmod-cti/soap-codec"

/** The chapter's sample insert request: a call, a chat, an email and a voicemail. */
export const chapterInsert = (prefix = "9000000000"): ReadonlyArray<Interaction> => {
  const common = {
    AgentOfferTime: 1287786900,
    Priority: "2-Medium",
    IVRBeginTime: 1287786601,
    QueueBeginTime: 1287786213,
    Queue: "Support",
  } as const
  return [
    {
      InteractionId: `${prefix}51`,
      ChannelType: "Inbound Call",
      Origin: "15551111212",
      Destination: "18003849503",
      ...common,
    },
    {
      InteractionId: `${prefix}054`,
      ChannelType: "Inbound Chat",
      Origin: "jsoap@match.com",
      Destination: "cti@testing.com",
      ...common,
    },
    {
      InteractionId: `${prefix}53`,
      ChannelType: "Inbound Email",
      Origin: "jsoap@match.com",
      Destination: "cti@testing.com",
      ...common,
    },
    {
      InteractionId: `${prefix}55`,
      ChannelType: "Inbound Voicemail",
      Origin: "15551111212",
      Destination: "18003849503",
      ...common,
    },
  ]
}

/** The chapter's sample wrap-up request (the demo tenant holds these four activities, not wrapped up). */
export const chapterWrapUp: ReadonlyArray<WrapUpInteraction> = (
  ["Inbound Call", "Inbound Chat", "Inbound Email", "Inbound Voicemail"] as const
).map((ChannelType, i) => ({ InteractionId: `10000000000${i}`, AgentOfferTime: 1287786900, ChannelType }))

/** `count` inbound calls with ids `<prefix>-<n>`. */
export const calls = (prefix: string, count: number): ReadonlyArray<Interaction> =>
  Array.from({ length: count }, (_, i) => ({
    InteractionId: `${prefix}-${i + 1}`,
    AgentOfferTime: 1700000000 + i,
    ChannelType: "Inbound Call",
  }))

const security = (token: string) =>
  `<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">` +
  `<wsse:UsernameToken>${token}</wsse:UsernameToken></wsse:Security>`

/** The WS-Security header of a user. */
export const securityOf = (user: { readonly username: string; readonly password: string }) =>
  security(`<wsse:Username>${user.username}</wsse:Username><wsse:Password>${user.password}</wsse:Password>`)

/** A raw SOAP request: `header` is the Header's content, `interactions` the content of each `Interaction`. */
export const rawRequest = (
  header: string,
  interactions: ReadonlyArray<string>,
  operation: "CTIActivityInsert" | "CTIActivityWrapUp" = "CTIActivityInsert",
) =>
  `<soapenv:Envelope xmlns:soapenv="${SoapEnvelopeNamespace}" xmlns:cti="urn:crmondemand/ws/odctibs/ctiactivity/"` +
  ` xmlns:data="urn:/crmondemand/xml/ctiactivity/data"><soapenv:Header>${header}</soapenv:Header><soapenv:Body>` +
  `<cti:${operation}_Input><data:ListOfInteraction>` +
  interactions.map((fields) => `<data:Interaction>${fields}</data:Interaction>`).join("") +
  `</data:ListOfInteraction></cti:${operation}_Input></soapenv:Body></soapenv:Envelope>`

/** The element texts of a raw interaction. */
export const fields = (values: Readonly<Record<string, string>>) =>
  Object.entries(values)
    .map(([name, value]) => `<data:${name}>${value}</data:${name}>`)
    .join("")

export const callFields = (id: string) =>
  fields({ InteractionId: id, AgentOfferTime: "1287786900", ChannelType: "Inbound Call" })

export interface RawResponse {
  readonly status: number
  readonly contentType: string | null
  readonly body: string
}

/** POSTs a body as it is, with the given headers (`text/xml` by default). */
export const post = async (url: string, body: string, headers: Record<string, string> = {}): Promise<RawResponse> => {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "text/xml; charset=utf-8", ...headers },
    body,
  })
  return { status: response.status, contentType: response.headers.get("content-type"), body: await response.text() }
}

/** The `faultstring` of a fault response. */
export const faultString = (body: string): string | undefined =>
  /<faultstring>([^<]*)<\/faultstring>/
    .exec(body)?.[1]
    ?.replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")

export const faultCode = (body: string): string | undefined => /<faultcode>([^<]*)<\/faultcode>/.exec(body)?.[1]
