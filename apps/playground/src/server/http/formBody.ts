import type { IncomingMessage } from "node:http"

/** The largest form the pages accept: wrap-up notes and a few fields. */
export const MaxFormBytes = 64 * 1024

export type FormBody =
  | { readonly _tag: "Form"; readonly fields: URLSearchParams }
  | { readonly _tag: "TooLarge" }
  | { readonly _tag: "UnsupportedType"; readonly contentType: string }

const isUrlEncoded = (contentType: string): boolean =>
  contentType.split(";")[0]?.trim().toLowerCase() === "application/x-www-form-urlencoded"

/**
 * A POSTed HTML form (`application/x-www-form-urlencoded`, where `+` and `%20` both mean a space). Reading stops
 * as soon as the body passes `maxBytes`.
 */
export const readForm = (req: IncomingMessage, maxBytes = MaxFormBytes): Promise<FormBody> => {
  const contentType = req.headers["content-type"] ?? ""
  if (!isUrlEncoded(contentType)) {
    req.resume()
    return Promise.resolve({ _tag: "UnsupportedType", contentType })
  }
  return new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        req.off("data", onData)
        req.resume()
        resolve({ _tag: "TooLarge" })
        return
      }
      chunks.push(chunk)
    }
    req.on("data", onData)
    req.on("end", () => resolve({ _tag: "Form", fields: new URLSearchParams(Buffer.concat(chunks).toString("utf8")) }))
    req.on("error", reject)
  })
}
