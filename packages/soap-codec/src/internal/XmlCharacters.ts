// The character codes the parse looks for. XML's white space is the core's (`isXmlWhiteSpace`): one rule.
export const LT = 0x3c
export const GT = 0x3e
export const SLASH = 0x2f
export const EQUALS = 0x3d
export const QUESTION = 0x3f
export const BANG = 0x21
export const QUOTE = 0x22
export const APOSTROPHE = 0x27
