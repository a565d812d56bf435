const special = /[&<>"'\r]/
const specials = /[&<>"'\r]/g

const replacements: { readonly [c: string]: string } = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  // A literal carriage return would be normalised to a line feed by every XML parser; a reference survives.
  "\r": "&#13;",
}

/** Escape text for element content or a quoted attribute value: the only escaping the encoders use. */
export const escapeXml = (text: string): string =>
  special.test(text) ? text.replace(specials, (c) => replacements[c] as string) : text
