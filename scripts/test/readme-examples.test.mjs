// Every README's TypeScript examples run as they stand and print what their comments say. A block fenced ```ts runs;
// ```ts playground runs against a CRM server of its own in place of the playground at http://127.0.0.1:8080, and
// ```ts fleet also against a redis-server of its own in place of redis://127.0.0.1:6379; a block
// tagged ```ts sketch (a fragment, a type) or ```ts browser (it needs a page: a browser test of its package runs
// it, as the outbox's does) is only read here.
import { execFile } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join, relative } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { promisify } from "node:util"
import { bundleScripts, scaled, startCrmServer, startRedis } from "@crmod-cti/testing"
import { describe, expect, it } from "vitest"
import { expectationsOf, findUnmet } from "./readme-expectations.mjs"

const root = fileURLToPath(new URL("../../", import.meta.url))
const PlaygroundOrigin = "http://127.0.0.1:8080"
const RedisUrl = "redis://127.0.0.1:6379"
const Tags = { run: "", playground: "playground", fleet: "fleet", readOnly: ["sketch", "browser"] }

const readmes = [
  join(root, "README.md"),
  ...["packages", "apps"].flatMap((dir) =>
    readdirSync(join(root, dir))
      .map((name) => join(root, dir, name, "README.md"))
      .filter((file) => existsSync(file)),
  ),
]

const examples = readmes.flatMap((file) =>
  [...readFileSync(file, "utf8").matchAll(/^```ts(?: ([\w-]+))?\n([\s\S]*?)^```$/gm)].map((match, index) => ({
    readme: relative(root, file),
    index: index + 1,
    tag: match[1] ?? "",
    code: match[2],
  })),
)

// Each console.log call becomes one JSON line, so that an expectation is checked against one call's whole output.
const capture = `import { format } from "node:util"
console.log = (...args) => process.stdout.write(JSON.stringify(format(...args)) + "\\n")
`

const runnable = examples.filter((example) => !Tags.readOnly.includes(example.tag))
const work = join(root, "node_modules/.cache/readme")

/** Every runnable example bundled in one build: example → its bundle. */
const bundled = (async () => {
  rmSync(work, { recursive: true, force: true })
  mkdirSync(work, { recursive: true })
  writeFileSync(join(work, "capture.mjs"), capture)
  // Each beside its package's node_modules, where it finds what the package has (effect, say), as a user's would.
  const entries = runnable.map((example) => {
    const dir = join(dirname(join(root, example.readme)), "node_modules/.cache/readme")
    mkdirSync(dir, { recursive: true })
    const entry = join(dir, `example-${example.index}.ts`)
    writeFileSync(entry, example.code)
    return entry
  })
  const scripts = await bundleScripts(entries)
  return new Map(runnable.map((example, index) => [example, scripts[index]]))
})()

/** What each `console.log` of the example printed, run in the folder of its README, the addresses it names moved. */
const run = async (example, moves) => {
  let script = (await bundled).get(example)
  if (moves.length > 0) {
    const moved = script.replace(/\.mjs$/, "-here.mjs")
    writeFileSync(
      moved,
      moves.reduce((text, [from, to]) => text.replaceAll(from, to), readFileSync(script, "utf8")),
    )
    script = moved
  }
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", pathToFileURL(join(work, "capture.mjs")).href, script],
    { cwd: dirname(join(root, example.readme)), timeout: scaled(30_000) },
  )
  return stdout
    .split("\n")
    .filter((line) => line.startsWith('"'))
    .map((line) => JSON.parse(line))
}

it("finds the examples, each with a known tag", () => {
  expect(examples.length).toBeGreaterThan(10)
  for (const example of examples) {
    expect([Tags.run, Tags.playground, Tags.fleet, ...Tags.readOnly], `${example.readme} #${example.index}`).toContain(
      example.tag,
    )
  }
})

describe.concurrent("README examples", () => {
  for (const example of runnable) {
    it(
      `${example.readme} #${example.index} prints what its comments say`,
      async () => {
        const expectations = expectationsOf(example.code)
        expect(expectations.length, "an example says what it prints").toBeGreaterThan(0)
        const fleet = example.tag === Tags.fleet
        const server = fleet || example.tag === Tags.playground ? await startCrmServer() : undefined
        const redis = fleet ? await startRedis() : undefined
        try {
          const moves = [
            ...(server === undefined ? [] : [[PlaygroundOrigin, server.url]]),
            ...(redis === undefined ? [] : [[RedisUrl, redis.url]]),
          ]
          const outputs = await run(example, moves)
          expect(findUnmet(expectations, outputs), outputs.join("\n")).toBeUndefined()
        } finally {
          await redis?.stop()
          await server?.close()
        }
      },
      scaled(60_000),
    )
  }
})
