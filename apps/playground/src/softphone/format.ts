/** Elapsed time as `m:ss`, or `h:mm:ss` from an hour on. */
export const formatDuration = (ms: number): string => {
  const total = Math.max(0, Math.floor(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = String(total % 60).padStart(2, "0")
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`
}

/** A time of day for the event log, in the agent's locale. */
export const formatClock = (epochMs: number): string =>
  new Date(epochMs).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" })

/** The digits a Click-to-Dial link carries, with a `+` when they start with its country code (international form). */
export const formatDialled = (digits: string, countryCode: string | undefined): string =>
  countryCode !== undefined && digits.startsWith(countryCode) ? `+${digits}` : digits
