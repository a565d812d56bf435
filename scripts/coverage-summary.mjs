// Line coverage per workspace package from `coverage/coverage-summary.json` (vitest's `json-summary` reporter, written
// by `vitest run --coverage`). Fails when any package is below the minimum.
import { existsSync, readFileSync } from "node:fs"
import { relative } from "node:path"
import { fileURLToPath } from "node:url"

/** The least line coverage, in percent, that every package must have (issue 6). */
const minimum = 90

const root = fileURLToPath(new URL("..", import.meta.url))
const summaryFile = `${root}coverage/coverage-summary.json`
if (!existsSync(summaryFile)) {
  console.error(
    `No ${relative(root, summaryFile)}: run \`vitest run --coverage\` first (it is written only when every test passes).`,
  )
  process.exit(1)
}

/** Covered and total lines per package (`packages/<name>` or `apps/<name>`). */
const packages = new Map()
for (const [file, { lines }] of Object.entries(JSON.parse(readFileSync(summaryFile, "utf8")))) {
  if (file === "total") continue
  const name = relative(root, file).match(/^((?:packages|apps)\/[^/]+)\//)?.[1]
  if (name === undefined) continue
  const sum = packages.get(name) ?? { covered: 0, total: 0 }
  packages.set(name, { covered: sum.covered + lines.covered, total: sum.total + lines.total })
}

const percent = ({ covered, total }) => (total === 0 ? 100 : (100 * covered) / total)
const below = []
console.log(`Line coverage per package (minimum ${minimum}%):`)
for (const [name, lines] of [...packages].sort(([a], [b]) => a.localeCompare(b))) {
  const low = percent(lines) < minimum
  if (low) below.push(name)
  console.log(
    `  ${name.padEnd(28)} ${percent(lines).toFixed(2).padStart(6)}%  ${String(lines.covered).padStart(5)} / ${String(lines.total).padEnd(5)}${low ? "  below the minimum" : ""}`,
  )
}
if (packages.size === 0) {
  console.error("The summary names no file of a package.")
  process.exit(1)
}
if (below.length > 0) {
  console.error(`\nBelow ${minimum}% lines: ${below.join(", ")}`)
  process.exit(1)
}
