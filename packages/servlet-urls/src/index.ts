/**
 * `@crmod-cti/servlet-urls`: build and parse the URLs and form bodies of CRM On Demand's CTICommand servlet
 * (`ScreenPop`, `WrapUp`), for the CTI application that sends them and the server that receives them.
 */
export * from "./buildCtiCommand.js"
export * from "./CtiCommand.js"
export * from "./fromResults.js"
export * from "./parseCtiCommand.js"
export * from "./ScreenPopUnavailable.js"
export * from "./ServletParameterError.js"
