import { trimXmlWhiteSpace } from "./XmlText.js"

/** Phone numbers compare by their digits only: `+1 (555) 111-1212` matches `15551111212`. */
export const phoneDigits = (value: string): string => value.replace(/\D/g, "")

/** Emails compare case-insensitively. */
export const normalizeEmail = (value: string): string => trimXmlWhiteSpace(value).toLowerCase()

/** Chat origins carry either a phone number or an email address. */
export const isEmailAddress = (value: string): boolean => value.includes("@")
