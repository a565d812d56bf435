// What each fast-xml-parser option costs on the chapter's insert request, as printed and without the white space
// between tags (what the codec's pre-check hands the parser). Each variant runs in a fresh process, so that one
// variant's JIT feedback does not slow another down. Run: `node packages/soap-codec/bench/parser-options.mjs`.
import { execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { XMLParser } from "fast-xml-parser"
import { codecParserOptions as codec } from "./codec-parser.mjs"

const variants = {
  "default options": {},
  "codec's options": codec,
  "codec's, object output (preserveOrder: false)": { ...codec, preserveOrder: false },
  "codec's, jPath strings (jPath: true)": { ...codec, jPath: true },
  "codec's, built-in entity decoder": { ...codec, entityDecoder: null },
  "codec's, built-in decoder with htmlEntities": { ...codec, entityDecoder: null, htmlEntities: true },
  "codec's, processEntities: false": { ...codec, entityDecoder: null, processEntities: false },
  "codec's, attributes ignored (ignoreAttributes: true)": { ...codec, ignoreAttributes: true },
  "codec's, only xmlns attributes kept": { ...codec, ignoreAttributes: (name) => !name.startsWith("xmlns") },
  "codec's, trimValues: true": { ...codec, trimValues: true },
  "codec's, parseTagValue: true": { ...codec, parseTagValue: true },
  "codec's, no transformTagName": { ...codec, transformTagName: false },
  "codec's, stopNodes: ['..Password']": { ...codec, stopNodes: ["..Password"] },
}

const printed = readFileSync(new URL("../test/fixtures/insert-request.xml", import.meta.url), "utf8")
const compact = printed.replace(/>\s+</g, "><").trim()

/** Microseconds per parse of each of 15 rounds of 1000, after a warm-up. */
const measure = (parser, text) => {
  const rounds = []
  for (let i = 0; i < 3000; i++) parser.parse(text)
  for (let round = 0; round < 15; round++) {
    const start = process.hrtime.bigint()
    for (let i = 0; i < 1000; i++) parser.parse(text)
    rounds.push(Number(process.hrtime.bigint() - start) / 1000 / 1000)
  }
  return rounds
}

const [variant] = process.argv.slice(2)
if (variant !== undefined) {
  const parser = new XMLParser(variants[variant])
  console.log(JSON.stringify([measure(parser, printed), measure(parser, compact)]))
} else {
  // Three passes, interleaved, so that a burst of load on a shared machine hits every variant alike.
  const rounds = new Map(Object.keys(variants).map((name) => [name, [[], []]]))
  for (let pass = 0; pass < 3; pass++) {
    for (const [name, [asPrinted, withoutBlanks]] of rounds) {
      const output = execFileSync(process.execPath, [fileURLToPath(import.meta.url), name], { encoding: "utf8" })
      const [a, b] = JSON.parse(output)
      asPrinted.push(...a)
      withoutBlanks.push(...b)
    }
  }
  const summary = (values) => {
    const sorted = values.toSorted((a, b) => a - b)
    return `${sorted[0].toFixed(1)} / ${sorted[Math.floor(sorted.length / 2)].toFixed(1)}`
  }
  console.log(
    `| fast-xml-parser options | ${printed.length} chars as printed (µs min / median) | ${compact.length} chars without white space between tags |`,
  )
  console.log("| --- | --- | --- |")
  for (const [name, [asPrinted, withoutBlanks]] of rounds) {
    console.log(`| ${name} | ${summary(asPrinted)} | ${summary(withoutBlanks)} |`)
  }
}
