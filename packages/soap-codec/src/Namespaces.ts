/** SOAP 1.1 envelope: the only envelope the CTI Activity Web service speaks. */
export const SoapEnvelopeNamespace = "http://schemas.xmlsoap.org/soap/envelope/"

/** SOAP 1.2 envelope: recognised only to say that it is not supported. */
export const Soap12EnvelopeNamespace = "http://www.w3.org/2003/05/soap-envelope"

/** The WSDL's target namespace: the operations' wrapper elements (`CTIActivityInsert_Input`, …). */
export const CtiActivityNamespace = "urn:crmondemand/ws/odctibs/ctiactivity/"

/** The data namespace: `ListOfInteraction`, `Interaction`, `ListOfActivity`, `Activity` and their fields. */
export const CtiDataNamespace = "urn:/crmondemand/xml/ctiactivity/data"

/** WS-Security 1.0 (`wsse:Security`, `UsernameToken`, `Username`, `Password`). */
export const WsseNamespace = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"

/** The `Type` of a `wsse:Password` sent in clear text, as CRM On Demand requires. */
export const PasswordTextType =
  "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText"

/** The optional `<ClientName>` header that names the client on CRM On Demand's utilisation page. */
export const ClientNameNamespace = "urn:crmondemand/ws"

/** Siebel's fault detail (`siebdetail/errorstack/error/{errorcode,errorsymbol,errormsg}`). */
export const SiebelFaultNamespace = "http://www.siebel.com/ws/fault"
