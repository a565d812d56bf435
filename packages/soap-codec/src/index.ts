/**
 * `@crmod-cti/soap-codec`: everything of the CTI Activity Web service that crosses the wire as XML, for both
 * sides — SOAP 1.1 requests and responses of `CTIActivityInsert` and `CTIActivityWrapUp`, WS-Security
 * UsernameToken, faults, and the WSDL.
 */
export * from "./FaultCodec.js"
export * from "./Namespaces.js"
export * from "./Operations.js"
export * from "./RequestCodec.js"
export * from "./ResponseCodec.js"
export * from "./SoapResponseError.js"
export * from "./Wsdl.js"
export * from "./XmlLimits.js"
