import type { Interaction, WrapUpInteraction } from "@crmod-cti/core"

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

export interface RawResponse {
  readonly status: number
  readonly contentType: string | null
  readonly body: string
}

/** POSTs a body as it is, with the given headers (`text/xml` by default), through `fetchImpl` (the global `fetch`). */
export const post = async (
  url: string,
  body: string,
  headers: Record<string, string> = {},
  fetchImpl: (input: string, init: RequestInit) => Promise<Response> = fetch,
): Promise<RawResponse> => {
  const response = await fetchImpl(url, {
    method: "POST",
    headers: { "content-type": "text/xml; charset=utf-8", ...headers },
    body,
  })
  return { status: response.status, contentType: response.headers.get("content-type"), body: await response.text() }
}
