import { phoneDigits } from "@crmod-cti/core"

// `+44 20 7946 0000`, `+1 (555) 111-1212`, `+33-1-…`: the digits between `+` and the first separator.
const international = /^\s*\+([0-9]{1,3})[\s().\-/]/

/**
 * The country code a written phone number shows, if any:
 * 1. international form with a separator after the country code (`+44 20 7946 0000` → `44`);
 * 2. eleven digits starting with 1, a North American number with its country code (`15551111212` → `1`).
 * Otherwise none: a country code cannot be told from the digits alone without a numbering-plan table.
 */
export const countryCodeOf = (written: string): string | undefined => {
  const match = international.exec(written)
  if (match?.[1] !== undefined) return match[1]
  const digits = phoneDigits(written)
  return digits.length === 11 && digits.startsWith("1") ? "1" : undefined
}
