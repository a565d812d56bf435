import { readFileSync } from "node:fs"
import { Either } from "effect"

export type SampleName = "insert-request" | "insert-response" | "wrapup-request" | "wrapup-response"

/** One of the chapter's four sample envelopes, exactly as the chapter prints it. */
export const sample = (name: SampleName): string =>
  readFileSync(new URL(`./fixtures/${name}.xml`, import.meta.url), "utf8")

export const right = <A, E>(result: Either.Either<A, E>): A =>
  Either.getOrElse(result, (error) => {
    throw new Error(`expected a value, got ${JSON.stringify(error)}`)
  })

export const left = <A, E>(result: Either.Either<A, E>): E =>
  Either.match(result, {
    onLeft: (error) => error,
    onRight: (value) => {
      throw new Error(`expected an error, got ${JSON.stringify(value)}`)
    },
  })

export const demoUser = { username: "OKP/mos.def", password: "password" } as const

/** A request envelope around `body` (the Body's content) with the chapter's namespaces and `header` content. */
export const envelope = (body: string, header = securityXml()) =>
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"' +
  ' xmlns:cti="urn:crmondemand/ws/odctibs/ctiactivity/"' +
  ' xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"' +
  ' xmlns:data="urn:/crmondemand/xml/ctiactivity/data">' +
  `<soapenv:Header>${header}</soapenv:Header><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`

export const securityXml = (
  token = "<wsse:Username>OKP/mos.def</wsse:Username><wsse:Password>password</wsse:Password>",
) => `<wsse:Security soapenv:mustUnderstand="1"><wsse:UsernameToken>${token}</wsse:UsernameToken></wsse:Security>`

/** An insert request whose `ListOfInteraction` holds `interactions` (each the content of one `Interaction`). */
export const insertEnvelope = (...interactions: ReadonlyArray<string>) =>
  envelope(
    `<cti:CTIActivityInsert_Input><data:ListOfInteraction>${interactions
      .map((fields) => `<data:Interaction>${fields}</data:Interaction>`)
      .join("")}</data:ListOfInteraction></cti:CTIActivityInsert_Input>`,
  )

export const callFields =
  "<data:InteractionId>900000000051</data:InteractionId><data:AgentOfferTime>1287786900</data:AgentOfferTime>" +
  "<data:ChannelType>Inbound Call</data:ChannelType>"
