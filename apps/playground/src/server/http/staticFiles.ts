import { readFile } from "node:fs/promises"
import { join } from "node:path"

const contentTypes: Readonly<Record<string, string>> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
}

// One plain file name: no separators, no percent-escapes, no leading dot, so nothing can leave the directory.
const fileName = /^[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)+$/

export type StaticFile =
  | { readonly _tag: "File"; readonly contentType: string; readonly body: Uint8Array }
  | { readonly _tag: "NotFound" }

/** A file of `directory` by its name as it appears in the URL; names outside the allowed form are not found. */
export const readStaticFile = async (directory: string, name: string): Promise<StaticFile> => {
  if (!fileName.test(name)) return { _tag: "NotFound" }
  const contentType = contentTypes[name.slice(name.lastIndexOf("."))]
  if (contentType === undefined) return { _tag: "NotFound" }
  try {
    return { _tag: "File", contentType, body: await readFile(join(directory, name)) }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "EISDIR") {
      return { _tag: "NotFound" }
    }
    throw error
  }
}
