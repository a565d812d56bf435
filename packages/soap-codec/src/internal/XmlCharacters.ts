// The character codes the pre-scan and the attribute reader look for, and XML's white space (`S`): one definition.
export const LT = 0x3c
export const GT = 0x3e
export const SLASH = 0x2f
export const EQUALS = 0x3d
export const QUESTION = 0x3f
export const BANG = 0x21
export const QUOTE = 0x22
export const APOSTROPHE = 0x27

export const isWhiteSpace = (code: number) => code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d
