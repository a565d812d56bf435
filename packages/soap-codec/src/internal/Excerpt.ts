/** Most characters of a received document that an error message quotes. */
export const MaxExcerptLength = 100

/** The start of a text, white space collapsed, quoted: enough to recognise what was received, never more. */
export const excerpt = (text: string): string => {
  const start = Array.from(
    text
      .slice(0, 4 * MaxExcerptLength)
      .replace(/\s+/g, " ")
      .trim(),
  )
  const quoted = start.slice(0, MaxExcerptLength).join("")
  return JSON.stringify(quoted) + (start.length > MaxExcerptLength || text.length > 4 * MaxExcerptLength ? "…" : "")
}
