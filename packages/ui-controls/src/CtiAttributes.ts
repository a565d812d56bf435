/**
 * The `data-cti-*` attributes CRM On Demand puts on its CTI controls: the names of `oracle-facts.md`, completed by
 * `CONTRACT.md` §8 for the record a Click-to-Dial link belongs to. The only place they are written.
 */
export const CtiAttributes = {
  action: "data-cti-action",
  interactionId: "data-cti-interactionId",
  phoneNumber: "data-cti-phone-number",
  countryCode: "data-cti-phone-countrycode",
  recordType: "data-cti-record-type",
  recordId: "data-cti-record-id",
} as const
export type CtiAttributeName = (typeof CtiAttributes)[keyof typeof CtiAttributes]

/** The actions of the buttons, each carrying the interaction it acts on (`data-cti-interactionId`). */
export const CtiButtonActions = [
  "openVmail",
  "vmailOnPhone",
  "reassignEmail",
  "reassignVmail",
  "openEmail",
  "openChat",
  "openHistory",
  "endWrapUp",
] as const
export type CtiButtonAction = (typeof CtiButtonActions)[number]

/** Every `data-cti-action`: Click-to-Dial links on phone numbers, and the buttons. */
export const CtiActions = ["clickToDial", ...CtiButtonActions] as const
export type CtiAction = (typeof CtiActions)[number]

/** The `id` of the wrap-up form's Save button (the `endWrapUp` control). */
export const WrapUpSaveId = "CTIWrapUp_Save"
