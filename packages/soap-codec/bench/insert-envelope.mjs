// The request the server benchmark sends (packages/emulator-http/bench/server.bench.mjs): a CTIActivityInsert of one
// interaction, as a client writes it (no white space between tags). Here, beside decode-cost.mjs, which prices the
// codec's share of serving it: emulator-http depends on the codec, not the other way round.

/** The request for an interaction with the id `id`, for the demo user `OKP/mos.def`. */
export const insertEnvelope = (id) =>
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
