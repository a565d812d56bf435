// The browser bundle budget: what a softphone imports (the fetch client, the browser outbox in front of it, the
// servlet URLs and the HTML controls),
// bundled and minified for the browser from the packages' sources, then gzipped. Fails when it exceeds the budget.
// `--analyze` also prints what the bundle is made of.
import { gzipSync } from "node:zlib"
import { esbuild, root, workspaceAlias } from "./lib/esbuild.mjs"

/** Gzipped bytes: about 15% above the size measured when the budget was set (see BENCHMARKS.md). */
const budget = 95 * 1024

const softphone = `
export { createClient } from "@crmod-cti/transport-fetch"
export { openBrowserOutbox } from "@crmod-cti/outbox/browser"
export { buildCtiCommandUrl, screenPopUrlFor, wrapUpUrlFor } from "@crmod-cti/servlet-urls"
export { watchCtiControlsInFrame } from "@crmod-cti/ui-controls"
`

const result = await esbuild.build({
  stdin: { contents: softphone, resolveDir: root, sourcefile: "softphone.js", loader: "js" },
  alias: workspaceAlias,
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  treeShaking: true,
  write: false,
  metafile: true,
  logLevel: "error",
})

const [output] = result.outputFiles
const gzipped = gzipSync(output.contents, { level: 9 }).byteLength
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`

// Where the bytes come from, by package (node_modules) or workspace package (sources).
const inputs = Object.entries(Object.values(result.metafile.outputs)[0].inputs)
const origin = (path) =>
  path.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/)?.[1] ??
  path.match(/^packages\/([^/]+)/)?.[1].replace(/^/, "@crmod-cti/") ??
  path
const byOrigin = new Map()
for (const [path, { bytesInOutput }] of inputs) {
  byOrigin.set(origin(path), (byOrigin.get(origin(path)) ?? 0) + bytesInOutput)
}

console.log(
  "Softphone bundle (transport-fetch createClient, outbox/browser, servlet-urls, ui-controls), minified for the browser:",
)
for (const [name, bytes] of [...byOrigin].sort((a, b) => b[1] - a[1])) {
  if (bytes > 0) console.log(`  ${name.padEnd(28)} ${kb(bytes).padStart(9)} minified`)
}
console.log(`  ${"total".padEnd(28)} ${kb(output.contents.byteLength).padStart(9)} minified`)
console.log(`\n${kb(gzipped)} gzipped; budget ${kb(budget)}`)

if (process.argv.includes("--analyze")) console.log(await esbuild.analyzeMetafile(result.metafile))

if (gzipped > budget) {
  console.error(`Over budget by ${kb(gzipped - budget)}: see what grew with --analyze.`)
  process.exit(1)
}
