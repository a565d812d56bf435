// Raw SOAP for the servers' HTTP tests: requests written out by hand, not by the codec under test, so that a server
// is tested against the wire format itself; and the fault's fields read straight from an answer.

const SoapEnvelope = "http://schemas.xmlsoap.org/soap/envelope/"

/** The element texts of a raw interaction, in the order given. */
export const fields = (values: Readonly<Record<string, string>>): string =>
  Object.entries(values)
    .map(([name, value]) => `<data:${name}>${value}</data:${name}>`)
    .join("")

/** A raw inbound call's elements. */
export const callFields = (id: string, offerTime = 1287786900): string =>
  fields({ InteractionId: id, AgentOfferTime: String(offerTime), ChannelType: "Inbound Call" })

/** The WS-Security header of a user, its password as text. */
export const securityOf = (user: { readonly username: string; readonly password: string }): string =>
  '<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">' +
  `<wsse:UsernameToken><wsse:Username>${user.username}</wsse:Username><wsse:Password>${user.password}</wsse:Password>` +
  "</wsse:UsernameToken></wsse:Security>"

/** A raw SOAP request: `header` is the Header's content, `interactions` the content of each `Interaction`. */
export const rawRequest = (
  header: string,
  interactions: ReadonlyArray<string>,
  operation: "CTIActivityInsert" | "CTIActivityWrapUp" = "CTIActivityInsert",
): string =>
  `<soapenv:Envelope xmlns:soapenv="${SoapEnvelope}" xmlns:cti="urn:crmondemand/ws/odctibs/ctiactivity/"` +
  ` xmlns:data="urn:/crmondemand/xml/ctiactivity/data"><soapenv:Header>${header}</soapenv:Header><soapenv:Body>` +
  `<cti:${operation}_Input><data:ListOfInteraction>` +
  interactions.map((content) => `<data:Interaction>${content}</data:Interaction>`).join("") +
  `</data:ListOfInteraction></cti:${operation}_Input></soapenv:Body></soapenv:Envelope>`

/** The `faultstring` of a fault answer, its three escaped characters read back. */
export const faultString = (body: string): string | undefined =>
  /<faultstring>([^<]*)<\/faultstring>/
    .exec(body)?.[1]
    ?.replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")

/** The `faultcode` of a fault answer. */
export const faultCode = (body: string): string | undefined => /<faultcode>([^<]*)<\/faultcode>/.exec(body)?.[1]
