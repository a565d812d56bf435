// Anything with a scheme (`https:`) or starting with `/` is a URL; the rest is a query string or a form body.
const urlLike = /^(?:[a-z][a-z0-9+.-]*:|\/)/i

/**
 * The parameters of a GET URL or a POST form body. `URLSearchParams` decodes `application/x-www-form-urlencoded`,
 * where `+` and `%20` both mean a space, in names as in values; literal spaces (as in the chapter's example URL)
 * pass through unchanged.
 */
export const readParameters = (input: URL | string | URLSearchParams): URLSearchParams => {
  if (input instanceof URLSearchParams) return input
  if (typeof input !== "string") return input.searchParams
  if (!urlLike.test(input)) return new URLSearchParams(input)
  // A relative URL (a server's request target) needs a base to parse; which one does not matter for the query.
  return new URL(input, "http://localhost").searchParams
}
