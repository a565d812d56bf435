/**
 * An interaction object as element texts, the form the core validates: a client checks its input by the very
 * rules the server applies, and fails with the same fault before sending anything.
 */
export const toRawInteraction = (interaction: object): Record<string, string> => {
  const raw: Record<string, string> = Object.create(null)
  for (const [name, value] of Object.entries(interaction)) {
    if (value === undefined) continue
    raw[name] = typeof value === "boolean" ? (value ? "true" : "false") : String(value)
  }
  return raw
}
