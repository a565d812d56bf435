/**
 * `@crmod-cti/ui-controls`: CRM On Demand's `data-cti-*` controls (Click-to-Dial links and CTI buttons) for both
 * sides — the CTI application watches clicks on them as typed events; the CRM side renders their attributes.
 */
export * from "./attributeBuilders.js"
export * from "./CtiAttributes.js"
export * from "./CtiControlError.js"
export * from "./CtiControlEvent.js"
export * from "./escapeHtml.js"
export * from "./readCtiControl.js"
export * from "./renderAttributes.js"
export * from "./watchCtiControls.js"
