import { decodeRequest } from "../src/index.js"
const envelope = (id: string) =>
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"' +
  ' xmlns:cti="urn:crmondemand/ws/odctibs/ctiactivity/" xmlns:data="urn:/crmondemand/xml/ctiactivity/data">' +
  '<soapenv:Header><wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"' +
  ' soapenv:mustUnderstand="1"><wsse:UsernameToken><wsse:Username>OKP/mos.def</wsse:Username>' +
  '<wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">password</wsse:Password>' +
  "</wsse:UsernameToken></wsse:Security></soapenv:Header><soapenv:Body><cti:CTIActivityInsert_Input>" +
  `<data:ListOfInteraction><data:Interaction><data:InteractionId>${id}</data:InteractionId>` +
  "<data:AgentOfferTime>1287786900</data:AgentOfferTime><data:ChannelType>Inbound Call</data:ChannelType>" +
  "<data:Origin>+1 555 111 1212</data:Origin><data:Destination>18003849503</data:Destination>" +
  "<data:Queue>Support</data:Queue></data:Interaction></data:ListOfInteraction></cti:CTIActivityInsert_Input>" +
  "</soapenv:Body></soapenv:Envelope>"
const bodies = Array.from({ length: 1000 }, (_, i) => new TextEncoder().encode(envelope(`X${i}`)))
const t = performance.now()
for (let i = 0; i < 100_000; i++) decodeRequest(bodies[i % 1000]!)
console.error(`decodeRequest ${((performance.now() - t) * 10).toFixed(1)} µs`)
