import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { type CrmServer, scaled, startCrmServer } from "@crmod-cti/testing"
import { build } from "esbuild"
import { type Browser, chromium } from "playwright-core"
import { afterAll, beforeAll, expect, it } from "vitest"

const ChromiumPath = "/usr/bin/chromium"
const root = fileURLToPath(new URL("../../../", import.meta.url))

let server: CrmServer
let browser: Browser

beforeAll(async () => {
  if (!existsSync(ChromiumPath)) throw new Error(`The browser test needs Debian's Chromium at ${ChromiumPath}`)
  server = await startCrmServer({ emulator: { lockout: false } })
  browser = await chromium.launch({ executablePath: ChromiumPath, args: ["--headless", "--no-sandbox"] })
}, scaled(30_000))
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** The README's browser example, bundled for the browser from the packages' sources. */
const bundledExample = async (): Promise<string> => {
  const readme = readFileSync(fileURLToPath(new URL("../README.md", import.meta.url)), "utf8")
  const example = /## In a browser\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? ""
  const result = await build({
    stdin: { contents: example, loader: "ts", resolveDir: root, sourcefile: "example.ts" },
    bundle: true,
    write: false,
    platform: "browser",
    format: "esm",
    target: "es2022",
    plugins: [
      {
        name: "workspace-sources",
        setup: (builder) => {
          builder.onResolve({ filter: /^@crmod-cti\/[a-z-]+(\/[a-z-]+)?$/ }, (args) => {
            const [name, entry = "index"] = args.path.slice("@crmod-cti/".length).split("/")
            return { path: join(root, "packages", name!, `src/${entry}.ts`) }
          })
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

it("runs the README's browser example in Chromium as it stands, printing what its comments say", async () => {
  const code = await bundledExample()
  // A page of the service's origin (the example's endpoint is `location.origin`'s), served by the browser itself.
  const context = await browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await page.route(`${server.url}/example`, (route) =>
    route.fulfill({ contentType: "text/html", body: "<!doctype html><title>example</title>" }),
  )
  const lines: Array<string> = []
  page.on("console", (message) => lines.push(message.text()))
  page.on("pageerror", (error) => lines.push(`page error: ${error.message}`))
  await page.goto(`${server.url}/example`)
  await page.addScriptTag({ content: code, type: "module" })
  await expect.poll(() => lines.at(-1), { timeout: scaled(10_000) }).toBe("true 0 1")
  expect(lines).toEqual(["true", "Fred Hong", "true 0 1"])
  await context.close()
})
