// The decode cost of the chapter's four sample envelopes (the test fixtures, as printed), for one or more checkouts
// of the repository compared on the same machine: `node packages/soap-codec/bench/decode-cost.mjs [root…]` (default:
// this checkout). Each checkout's codec and core sources are bundled with esbuild; each run is a fresh process in
// which the checkouts take turns round by round (A B A B …), so that a busy moment of the machine hits both alike. The
// figure is the least µs per decode over every round of every run: the cost when nothing else interferes.
import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const here = fileURLToPath(new URL(".", import.meta.url))
const ownRoot = resolve(here, "../../..")
const samples = ["insert-request", "insert-response", "wrapup-request", "wrapup-response"]
const decoderOf = {
  "insert-request": "decodeRequest",
  "insert-response": "decodeInsertResponse",
  "wrapup-request": "decodeRequest",
  "wrapup-response": "decodeWrapUpResponse",
}

/**
 * Runs in the child: decodes each sample with every checkout's codec in rounds of 100 after a warm-up, the codecs
 * taking turns round by round, and prints the least µs per decode of each.
 */
const measure = async (bundles) => {
  const codecs = await Promise.all(bundles.map((bundle) => import(bundle)))
  const result = codecs.map(() => ({}))
  for (const name of samples) {
    const text = readFileSync(join(here, `../test/fixtures/${name}.xml`), "utf8")
    const decoders = codecs.map((codec) => codec[decoderOf[name]])
    for (const decode of decoders) {
      if (decode(text)._tag !== "Right") throw new Error(`${name} does not decode`)
      for (let i = 0; i < 2000; i++) decode(text)
    }
    const least = decoders.map(() => Number.POSITIVE_INFINITY)
    // Short rounds: on a busy machine, a round of a few milliseconds is often left alone where a longer one is not.
    for (let round = 0; round < 100; round++) {
      decoders.forEach((decode, index) => {
        const start = process.hrtime.bigint()
        for (let i = 0; i < 100; i++) decode(text)
        least[index] = Math.min(least[index], Number(process.hrtime.bigint() - start) / 1e5)
      })
    }
    least.forEach((value, index) => {
      result[index][name] = value
    })
  }
  process.stdout.write(JSON.stringify(result))
}

// The worktree's own dependencies serve every checkout (a checkout under /tmp has no node_modules).
const bundleOf = (root, out) => {
  const require = createRequire(realpathSync(join(ownRoot, "node_modules/tsup/package.json")))
  const esbuild = require("esbuild")
  const file = join(out, `codec-${Buffer.from(root).toString("hex").slice(-16)}.mjs`)
  esbuild.buildSync({
    entryPoints: [join(root, "packages/soap-codec/src/index.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: file,
    alias: { "@crmod-cti/core": join(root, "packages/core/src/index.ts") },
    nodePaths: [
      join(ownRoot, "packages/soap-codec/node_modules"),
      join(ownRoot, "packages/core/node_modules"),
      join(ownRoot, "node_modules"),
    ],
    logLevel: "error",
  })
  return file
}

if (process.argv[2] === "--measure") {
  await measure(process.argv.slice(3))
} else {
  // More turns give a busy machine more chances to leave one run alone: DECODE_COST_TURNS (default 5).
  const turns = Number(process.env.DECODE_COST_TURNS ?? 5)
  const roots = process.argv.length > 2 ? process.argv.slice(2).map((root) => resolve(root)) : [ownRoot]
  const out = mkdtempSync(join(tmpdir(), "decode-cost-"))
  const bundles = roots.map((root) => bundleOf(root, out))
  const best = roots.map(() => Object.fromEntries(samples.map((name) => [name, Number.POSITIVE_INFINITY])))
  for (let turn = 0; turn < turns; turn++) {
    const script = fileURLToPath(import.meta.url)
    const runs = JSON.parse(execFileSync(process.execPath, [script, "--measure", ...bundles], { encoding: "utf8" }))
    runs.forEach((run, index) => {
      for (const name of samples) best[index][name] = Math.min(best[index][name], run[name])
    })
  }
  const rows = samples.map((name) => {
    const cells = best.map((costs) => costs[name].toFixed(1))
    const ratio = best.length > 1 ? ` | ${(best[1][name] / best[0][name]).toFixed(2)}` : ""
    return `| ${name} | ${cells.join(" | ")}${ratio} |`
  })
  const ratioHeader = best.length > 1 ? " | second / first" : ""
  console.log(
    `| sample (µs per decode, least of ${turns} runs × 100 rounds of 100) | ${roots.join(" | ")}${ratioHeader} |`,
  )
  console.log(rows.join("\n"))
  writeFileSync(join(out, "result.json"), JSON.stringify({ roots, best }))
}
