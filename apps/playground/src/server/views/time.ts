const pad = (n: number) => String(n).padStart(2, "0")

/** A time for people, in UTC so every agent and test reads the same: `2010-10-22 22:35 UTC`. */
export const formatTime = (epochMs: number): string => {
  const d = new Date(epochMs)
  if (Number.isNaN(d.getTime())) return String(epochMs)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`
}

/** The chapter's epoch-seconds times, with the number the CTI application sent. */
export const formatEpochSeconds = (seconds: number): string => `${formatTime(seconds * 1000)} (${seconds})`
