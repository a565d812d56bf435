/** Most characters of one name that a message quotes: names come from the sender and can be of any length. */
export const MaxQuotedName = 100

/** A name as a message quotes it: cut to `MaxQuotedName` characters (whole code points), marked when cut. */
export const bounded = (name: string): string => {
  if (name.length <= MaxQuotedName) return name
  return `${Array.from(name.slice(0, 2 * MaxQuotedName))
    .slice(0, MaxQuotedName)
    .join("")}…`
}
