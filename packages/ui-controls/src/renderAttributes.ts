import { escapeHtml } from "./escapeHtml.js"
import { invalidAttributeName } from "./internal/attributeErrors.js"

// A conservative subset of HTML attribute names: nothing that could close the tag or start another attribute.
const attributeName = /^[A-Za-z_:][A-Za-z0-9_:.-]*$/

/**
 * Attributes as HTML (`name="value" name="value"`), values escaped, for server-side rendering:
 * `` `<a href="tel:…" ${renderAttributes(clickToDialAttributes(…))}>` ``.
 * @throws CtiControlError (`InvalidAttributeName`) for a name that is not safe to write as it is.
 */
export const renderAttributes = (attributes: Readonly<Record<string, string>>): string =>
  Object.entries(attributes)
    .map(([name, value]) => {
      if (!attributeName.test(name)) throw invalidAttributeName(name)
      return `${name}="${escapeHtml(value)}"`
    })
    .join(" ")
