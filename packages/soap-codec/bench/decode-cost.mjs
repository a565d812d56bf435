// The decode cost of the chapter's four sample envelopes (the test fixtures, as printed), of the request the server
// benchmark sends (insert-envelope.mjs: one interaction, no white space between tags) and of an answer of five
// results as the emulator writes it, for one or more checkouts of the repository compared on the same machine:
// `node packages/soap-codec/bench/decode-cost.mjs [root…]` (default: this checkout). Each checkout's codec and core
// sources are bundled with esbuild (as tsup builds them); each run is a fresh process in which the checkouts take
// turns round by round (A B A B …), so that a busy moment of the machine hits both alike. The figures are the least
// and the median µs per decode over every round of every run: the cost when nothing else interferes, and a typical
// one.
import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { esbuild } from "../../../scripts/lib/esbuild.mjs"
import { insertEnvelope } from "./insert-envelope.mjs"

const here = fileURLToPath(new URL(".", import.meta.url))
const ownRoot = resolve(here, "../../..")
const fixtures = ["insert-request", "insert-response", "wrapup-request", "wrapup-response"]
const samples = [...fixtures, "server-bench-request", "insert-response-5-results"]
const decoderOf = {
  "insert-request": "decodeRequest",
  "insert-response": "decodeInsertResponse",
  "wrapup-request": "decodeRequest",
  "wrapup-response": "decodeWrapUpResponse",
  "server-bench-request": "decodeRequest",
  "insert-response-5-results": "decodeInsertResponse",
}

/** The text of each sample; the five results are the chapter's first, under five ids, encoded by `codec`. */
const textOf = (name, codec) => {
  if (name === "server-bench-request") return insertEnvelope("900000000051")
  if (name !== "insert-response-5-results") return readFileSync(join(here, `../test/fixtures/${name}.xml`), "utf8")
  const [first] = codec.decodeInsertResponse(textOf("insert-response", codec)).right
  return codec.encodeInsertResponse([1, 2, 3, 4, 5].map((n) => ({ ...first, InteractionId: `90000000005${n}` })))
}

const median = (values) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]

/**
 * Runs in the child: decodes each sample with every checkout's codec in rounds of 100 after a warm-up, the codecs
 * taking turns round by round, and prints each one's µs per decode of every round.
 */
const measure = async (bundles) => {
  const codecs = await Promise.all(bundles.map((bundle) => import(bundle)))
  const result = codecs.map(() => ({}))
  for (const name of samples) {
    const text = textOf(name, codecs[0])
    const decoders = codecs.map((codec) => codec[decoderOf[name]])
    for (const decode of decoders) {
      if (decode(text)._tag !== "Right") throw new Error(`${name} does not decode`)
      for (let i = 0; i < 2000; i++) decode(text)
    }
    const rounds = decoders.map(() => [])
    // Short rounds: on a busy machine, a round of a few milliseconds is often left alone where a longer one is not.
    for (let round = 0; round < 100; round++) {
      decoders.forEach((decode, index) => {
        const start = process.hrtime.bigint()
        for (let i = 0; i < 100; i++) decode(text)
        rounds[index].push(Number(process.hrtime.bigint() - start) / 1e5)
      })
    }
    rounds.forEach((values, index) => {
      result[index][name] = values
    })
  }
  process.stdout.write(JSON.stringify(result))
}

// A checkout's own dependencies first (an older codec may need a package this one no longer has), then this
// worktree's (a checkout under /tmp may have no node_modules).
const bundleOf = (root, out) => {
  const file = join(out, `codec-${Buffer.from(root).toString("hex").slice(-16)}.mjs`)
  esbuild.buildSync({
    entryPoints: [join(root, "packages/soap-codec/src/index.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: file,
    alias: { "@crmod-cti/core": join(root, "packages/core/src/index.ts") },
    nodePaths: [
      join(root, "packages/soap-codec/node_modules"),
      join(root, "packages/core/node_modules"),
      join(root, "node_modules"),
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
  const all = roots.map(() => Object.fromEntries(samples.map((name) => [name, []])))
  for (let turn = 0; turn < turns; turn++) {
    const script = fileURLToPath(import.meta.url)
    const runs = JSON.parse(execFileSync(process.execPath, [script, "--measure", ...bundles], { encoding: "utf8" }))
    runs.forEach((run, index) => {
      for (const name of samples) all[index][name].push(...run[name])
    })
  }
  const figures = all.map((costs) =>
    Object.fromEntries(samples.map((name) => [name, { least: Math.min(...costs[name]), median: median(costs[name]) }])),
  )
  const rows = samples.map((name) => {
    const cells = figures.map((costs) => `${costs[name].least.toFixed(1)} / ${costs[name].median.toFixed(1)}`)
    const ratio = (figure) => (figures[1][name][figure] / figures[0][name][figure]).toFixed(2)
    const ratios = figures.length > 1 ? ` | ${ratio("least")} / ${ratio("median")}` : ""
    return `| ${name} | ${cells.join(" | ")}${ratios} |`
  })
  const ratioHeader = figures.length > 1 ? " | second / first" : ""
  console.log(
    `| sample (µs per decode, least / median of ${turns} runs × 100 rounds of 100) | ${roots.join(" | ")}${ratioHeader} |`,
  )
  console.log(rows.join("\n"))
  writeFileSync(join(out, "result.json"), JSON.stringify({ roots, figures }))
}
