import * as http from "node:http"
import { SoapEnvelopeNamespace } from "@crmod-cti/soap-codec"

export interface Answer {
  readonly status: number
  readonly headers: http.IncomingHttpHeaders
  readonly body: string
}

/**
 * POSTs a body as it is and resolves with the answer as soon as it is whole, even if the server closed the
 * connection before taking all of the body (as it does past the size limit).
 */
export const post = (url: string, body: string | Buffer, agent?: http.Agent): Promise<Answer> =>
  new Promise((resolve, reject) => {
    let answered = false
    const req = http.request(
      url,
      { method: "POST", headers: { "content-type": "text/xml; charset=utf-8" }, agent },
      (res) => {
        const chunks: Array<Buffer> = []
        res.on("data", (chunk: Buffer) => chunks.push(chunk))
        res.on("end", () => {
          answered = true
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") })
        })
        res.on("error", () => undefined)
      },
    )
    req.on("error", (error) => {
      if (!answered) reject(error)
    })
    req.end(body)
  })

export const faultString = (body: string): string | undefined =>
  /<faultstring>([^<]*)<\/faultstring>/
    .exec(body)?.[1]
    ?.replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")

export const faultCode = (body: string): string | undefined => /<faultcode>([^<]*)<\/faultcode>/.exec(body)?.[1]

export const statusesOf = (body: string): ReadonlyArray<string> =>
  [...body.matchAll(/<ns1:Status>([^<]*)<\/ns1:Status>/g)].map((match) => match[1] ?? "")

export const activityIdsOf = (body: string): ReadonlyArray<string> =>
  [...body.matchAll(/<ns1:ActivityId>([^<]*)<\/ns1:ActivityId>/g)].map((match) => match[1] ?? "")

const security =
  '<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">' +
  "<wsse:UsernameToken><wsse:Username>OKP/mos.def</wsse:Username><wsse:Password>password</wsse:Password>" +
  "</wsse:UsernameToken></wsse:Security>"

/** A raw insert request whose one interaction has the given element content (a call by default). */
export const insertBody = (interaction = callFields("900000000051"), header = security) =>
  `<soapenv:Envelope xmlns:soapenv="${SoapEnvelopeNamespace}" xmlns:cti="urn:crmondemand/ws/odctibs/ctiactivity/"` +
  ` xmlns:data="urn:/crmondemand/xml/ctiactivity/data"><soapenv:Header>${header}</soapenv:Header><soapenv:Body>` +
  `<cti:CTIActivityInsert_Input><data:ListOfInteraction><data:Interaction>${interaction}</data:Interaction>` +
  "</data:ListOfInteraction></cti:CTIActivityInsert_Input></soapenv:Body></soapenv:Envelope>"

export const callFields = (id: string, offerTime = 1287786900) =>
  `<data:InteractionId>${id}</data:InteractionId><data:AgentOfferTime>${offerTime}</data:AgentOfferTime>` +
  "<data:ChannelType>Inbound Call</data:ChannelType>"
