import { fileURLToPath } from "node:url"
import { build } from "esbuild"
import type { Browser } from "playwright-core"
import { workspaceSources } from "@crmod-cti/testing"

const root = fileURLToPath(new URL("../../../../", import.meta.url))

/** A module bundled for the browser from the packages' sources; it fails if it reaches for Node. */
export const bundleForBrowser = async (source: string): Promise<string> => {
  const result = await build({
    stdin: { contents: source, loader: "ts", resolveDir: root, sourcefile: "page.ts" },
    bundle: true,
    write: false,
    platform: "browser",
    format: "esm",
    target: "es2022",
    plugins: [
      workspaceSources,
      {
        name: "no-node",
        setup: (builder) => {
          // The browser outbox must not reach for Node: a `node:` module or a Node-only dependency fails the build.
          builder.onResolve({ filter: /^(node:|better-sqlite3$|pg$)/ }, (args) => ({
            errors: [{ text: `${args.path} imported from ${args.importer}` }],
          }))
        },
      },
    ],
    logLevel: "silent",
  })
  return result.outputFiles[0]!.text
}

/**
 * A blank page of `origin` (served by the browser itself, so the service at that origin needs no CORS), in a
 * profile of its own: `run` runs a module in it, `lines` collects what it logs (and its errors).
 */
export const pageOfOrigin = async (browser: Browser, origin: string) => {
  const context = await browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await page.route(`${origin}/page`, (route) =>
    route.fulfill({ contentType: "text/html", body: "<!doctype html><title>page</title>" }),
  )
  const lines: Array<string> = []
  page.on("console", (message) => lines.push(message.text()))
  page.on("pageerror", (error) => lines.push(`page error: ${error.message}`))
  await page.goto(`${origin}/page`)
  return { context, page, lines, run: (code: string) => page.addScriptTag({ content: code, type: "module" }) }
}
