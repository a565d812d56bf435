// The textual rules of the field types, shared by their schemas (`FieldTypes.ts`) and the validator's fast path
// (`FastFields.ts`). Not part of the public API.

/** XML 1.0 `Char` production: what can cross the wire at all. */
export const xmlIllegal = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u

/** Epoch seconds as the wire writes them: decimal digits only. */
export const epochText = /^[0-9]{1,16}$/
