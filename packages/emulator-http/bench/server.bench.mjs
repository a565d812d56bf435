// Server inserts per second and p99 latency, with autocannon: the CTI app (the emulator behind it) on
// @hono/node-server, beside a server written with the `soap` package on the same WSDL doing the same work (the same
// emulator behind it). Each server runs in its own process (autocannon runs in this one); every request inserts one
// new interaction (unique ids), limiters off; 32 and 256 connections, BENCH_DURATION seconds each (default 5) after a
// 1 s warm-up. Goal: ours ≥ 1.5× the soap server, never under 1.3×.
//
//   npx --yes pnpm@10 --filter "@crmod-cti/emulator-http..." build && npx --yes pnpm@10 --filter @crmod-cti/emulator-http bench
//
// (`pnpm bench` at the root builds the packages first.) The servers take turns over BENCH_ROUNDS rounds (default 3)
// and each one's best round counts, so that a burst of other work on the machine does not decide the ratio.
import { spawn } from "node:child_process"
import { once } from "node:events"
import { readFileSync } from "node:fs"
import { cpus } from "node:os"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import autocannon from "autocannon"
import { insertEnvelope as envelope } from "../../soap-codec/bench/insert-envelope.mjs"

const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const duration = Number(process.env.BENCH_DURATION ?? 5)
const connectionCounts = (process.env.BENCH_CONNECTIONS ?? "32,256").split(",").map(Number)
const serve = fileURLToPath(new URL("./serve.mjs", import.meta.url))
// Extra node flags for the servers, e.g. BENCH_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof".
const nodeFlags = (process.env.BENCH_NODE_OPTIONS ?? "").split(" ").filter((flag) => flag !== "")

const start = async (kind) => {
  const args = kind.startsWith("file:") ? [kind.slice(5)] : [serve, kind]
  const child = spawn(process.execPath, [...nodeFlags, ...args], { stdio: ["pipe", "pipe", "inherit"] })
  const [line] = await once(createInterface({ input: child.stdout }), "line")
  return { url: JSON.parse(line).url, pid: child.pid, stop: () => child.stdin.end() }
}

/**
 * CPU time the server's process has used, in µs, every thread (its GC helpers included), from `/proc/<pid>/stat`
 * (utime + stime, in Linux's fixed 100 ticks a second); undefined where there is no `/proc`. Unlike requests/s,
 * it leaves out what the load generator and the rest of the machine take from the same cores.
 */
const cpuMicros = (pid) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")
    return (Number(fields[11]) + Number(fields[12])) * 1e4
  } catch {
    return undefined
  }
}

const run = (url, connections, seconds, prefix) => {
  let next = 0
  return autocannon({
    url: `${url}/Services/Integration`,
    connections,
    duration: seconds,
    requests: [
      {
        method: "POST",
        headers: {
          "content-type": "text/xml; charset=utf-8",
          soapaction: '"document/urn:crmondemand/ws/odctibs/ctiactivity/:CTIActivityInsert"',
        },
        setupRequest: (request) => ({ ...request, body: envelope(`${prefix}${(next++).toString(36)}`) }),
      },
    ],
  })
}

/** One server at one connection count: 1 s of warm-up (JIT, password cache, connections), then the measure. */
const measure = async (kind, connections, round) => {
  const server = await start(kind)
  try {
    await run(server.url, connections, 1, `W${round}-`)
    const cpuBefore = cpuMicros(server.pid)
    const result = await run(server.url, connections, duration, `M${round}-`)
    const cpu = (cpuMicros(server.pid) ?? Number.NaN) - (cpuBefore ?? Number.NaN)
    if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
      throw new Error(`${kind}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`)
    }
    return { kind, perSecond: result.requests.average, p99: result.latency.p99, cpu: cpu / result.requests.total }
  } finally {
    server.stop()
  }
}

const labels = {
  ours: "the CTI app on @hono/node-server + emulator",
  soap: "soap package + the same emulator",
  lean: "soap package doing less (no sign-in, no validation, a Map insert)",
}

// BENCH_SERVERS picks some of them, e.g. BENCH_SERVERS=ours for a profile; an entry `file:<script>` runs a script
// that serves like serve.mjs (prints `{"url"}`, stops when stdin closes), to try a variant.
const kinds = (process.env.BENCH_SERVERS ?? "ours,soap").split(",")
console.log(
  `Server inserts per second — best of ${rounds} round(s) of ${duration} s after 1 s of warm-up, ` +
    `Node ${process.version}, ${cpus().length}× ${cpus()[0]?.model ?? "CPU"}`,
)
for (const connections of connectionCounts) {
  const best = new Map()
  // The server's CPU per request, least over the rounds like the time.
  const leastCpu = new Map()
  // Each round's requests/s by server: the servers of one round ran back to back, so their ratio within the round is
  // the side-by-side figure, steadier than the ratio of best rounds when the machine's load drifts between rounds.
  const byRound = []
  for (let round = 1; round <= rounds; round++) {
    const thisRound = new Map()
    for (const kind of kinds) {
      const result = await measure(kind, connections, round)
      thisRound.set(kind, result.perSecond)
      if ((best.get(kind)?.perSecond ?? 0) < result.perSecond) best.set(kind, result)
      if (!(leastCpu.get(kind) <= result.cpu)) leastCpu.set(kind, result.cpu)
    }
    byRound.push(thisRound)
  }
  /** `a` ÷ `b` in each round, and their median. */
  const roundRatios = (a, b) => {
    const ratios = byRound.map((round) => round.get(a) / round.get(b))
    const sorted = [...ratios].sort((x, y) => x - y)
    const middle = Math.floor(sorted.length / 2)
    const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    return `per round ${ratios.map((ratio) => ratio.toFixed(2)).join(", ")}: median ${median.toFixed(2)}`
  }
  const soap = best.get("soap")?.perSecond ?? Number.NaN
  console.log("")
  console.log(`${connections} connections:`)
  console.log("")
  console.log("| server | inserts/s | p99 ms | ÷ soap | server CPU µs/request |")
  console.log("|---|---:|---:|---:|---:|")
  for (const kind of kinds) {
    const { perSecond, p99 } = best.get(kind)
    const row = [
      labels[kind] ?? kind,
      Math.round(perSecond),
      p99,
      (perSecond / soap).toFixed(2),
      leastCpu.get(kind).toFixed(1),
    ]
    console.log(`| ${row.join(" | ")} |`)
  }
  if (best.has("ours")) {
    const ratio = best.get("ours").perSecond / soap
    console.log(
      `ours: ${ratio.toFixed(2)}× the soap server (goal ≥ 1.5, never under 1.3: ${ratio >= 1.5 ? "met" : ratio >= 1.3 ? "above the floor" : "NOT MET"}); ${roundRatios("ours", "soap")}`,
    )
  }
  // The playground as users run it (`file:apps/playground/bench/serve.mjs`) must keep up with a server doing less.
  const lean = best.get("lean")?.perSecond
  if (lean !== undefined) {
    for (const kind of kinds.filter((kind) => kind !== "lean")) {
      console.log(
        `${labels[kind] ?? kind}: ${(best.get(kind).perSecond / lean).toFixed(2)}× the soap server doing less; ${roundRatios(kind, "lean")}`,
      )
    }
  }
}
