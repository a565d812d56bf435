import type { Context } from "hono"
import { bodyLimit } from "hono/body-limit"

/** The largest form the pages accept: wrap-up notes and a few fields. */
export const MaxFormBytes = 64 * 1024

export type FormBody =
  | { readonly _tag: "Form"; readonly fields: URLSearchParams }
  | { readonly _tag: "UnsupportedType"; readonly contentType: string }

const isUrlEncoded = (contentType: string): boolean =>
  contentType.split(";")[0]?.trim().toLowerCase() === "application/x-www-form-urlencoded"

/**
 * The pages' bodies stop at `MaxFormBytes` (`onTooLarge` answers): a declared length over it is refused before
 * reading, a chunked body as soon as it passes it. The CTI Web service, mounted before, has its own limit.
 */
export const formBodyLimit = (onTooLarge: (c: Context) => Response | Promise<Response>) =>
  bodyLimit({ maxSize: MaxFormBytes, onError: onTooLarge })

/** A POSTed HTML form (`application/x-www-form-urlencoded`, where `+` and `%20` both mean a space). */
export const readForm = async (c: Context): Promise<FormBody> => {
  const contentType = c.req.header("content-type") ?? ""
  if (!isUrlEncoded(contentType)) return { _tag: "UnsupportedType", contentType }
  return { _tag: "Form", fields: new URLSearchParams(await c.req.text()) }
}
