/** A page as the test reads it. */
export interface Page {
  readonly status: number
  readonly headers: Headers
  readonly body: string
  /** The `Location` header of a redirect. */
  readonly location: string | undefined
}

/**
 * A browser without JavaScript: `fetch` with a cookie jar, redirects not followed (tests look at each one), forms
 * sent urlencoded as HTML forms send them.
 */
export class Browser {
  readonly cookies = new Map<string, string>()
  lastPage: Page | undefined

  constructor(readonly baseUrl: string) {}

  private async request(path: string, init: RequestInit): Promise<Page> {
    const headers = new Headers(init.headers)
    if (this.cookies.size > 0) {
      headers.set("cookie", [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; "))
    }
    const response = await fetch(new URL(path, this.baseUrl), { ...init, headers, redirect: "manual" })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = cookie.split(";")
      const equals = pair.indexOf("=")
      const name = pair.slice(0, equals).trim()
      const removed = attributes.some((attribute) => attribute.trim().toLowerCase() === "max-age=0")
      if (removed) this.cookies.delete(name)
      else this.cookies.set(name, pair.slice(equals + 1).trim())
    }
    const page = {
      status: response.status,
      headers: response.headers,
      body: await response.text(),
      location: response.headers.get("location") ?? undefined,
    }
    this.lastPage = page
    return page
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Page> {
    return this.request(path, { method: "GET", headers })
  }

  /** POST a form; `fields` as pairs so a name can repeat; `headers` as a page of another site would add them. */
  post(
    path: string,
    fields: ReadonlyArray<readonly [string, string]> | Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<Page> {
    const body = new URLSearchParams(
      Array.isArray(fields) ? (fields as Array<[string, string]>) : Object.entries(fields),
    )
    return this.request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: body.toString(),
    })
  }

  /** POST a body exactly as given (to send `%20` or `+` as the test chooses). */
  postRaw(
    path: string,
    body: string,
    contentType = "application/x-www-form-urlencoded",
    headers: Record<string, string> = {},
  ): Promise<Page> {
    return this.request(path, { method: "POST", headers: { "content-type": contentType, ...headers }, body })
  }

  /** Follows one redirect. */
  async follow(page: Page): Promise<Page> {
    if (page.location === undefined) throw new Error(`Not a redirect: ${page.status}`)
    return this.get(page.location)
  }

  /** Opens the sign-in page and signs in as a user, like a person would. */
  async signIn(username: string, password: string, next?: string): Promise<Page> {
    const logon = await this.get(
      next === undefined ? "/OnDemand/logon" : `/OnDemand/logon?next=${encodeURIComponent(next)}`,
    )
    return this.post("/OnDemand/logon", {
      csrf: csrfOf(logon),
      next: hiddenField(logon, "next"),
      username,
      password,
    })
  }

  /** Signs out with the CSRF token of the page last seen. */
  signOut(page: Page | undefined = this.lastPage): Promise<Page> {
    if (page === undefined) throw new Error("No page seen yet")
    return this.post("/OnDemand/logoff", { csrf: csrfOf(page) })
  }
}

const decodeEntities = (text: string) =>
  text
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&")

/** The value of a page's hidden field, the first of that name. */
export const hiddenField = (page: Page, name: string): string => {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(page.body)
  if (match?.[1] === undefined) throw new Error(`No hidden field ${name} on the page:\n${page.body.slice(0, 2000)}`)
  return decodeEntities(match[1])
}

export const csrfOf = (page: Page): string => hiddenField(page, "csrf")

/** The opening tags of a page's elements with an attribute, e.g. every `data-cti-action`. */
export const tagsWith = (page: Page, attribute: string): Array<string> =>
  [...page.body.matchAll(/<[a-z]+\b[^>]*>/g)].map((match) => match[0]).filter((tag) => tag.includes(` ${attribute}=`))

/** An attribute's value in an opening tag. */
export const attributeOf = (tag: string, name: string): string | undefined => {
  const match = new RegExp(` ${name}="([^"]*)"`).exec(tag)
  return match?.[1] === undefined ? undefined : decodeEntities(match[1])
}
