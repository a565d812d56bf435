/**
 * `@crmod-cti/core`: the pure domain of Oracle CRM On Demand CTI — models, LOVs, faults, validation and the rules
 * both the CRM side and its clients share. No I/O, no clock, no randomness.
 */
export * from "./Activity.js"
export * from "./Association.js"
export * from "./ChannelType.js"
export * from "./CtiActivityService.js"
export * from "./Fault.js"
export * from "./FieldTypes.js"
export * from "./Identity.js"
export * from "./Interaction.js"
export * from "./Normalize.js"
export * from "./OptionChecks.js"
export * from "./Priority.js"
export * from "./Privilege.js"
export * from "./RateLimit.js"
export * from "./RecordType.js"
export * from "./Results.js"
export * from "./ScreenPop.js"
export * from "./Validation.js"
export * from "./XmlText.js"
