// Server inserts per second and p99 latency, with autocannon: our Node server (the emulator behind it), our fetch
// handler on Node (answers batched per turn, served by @hono/node-server), a server written with the `soap` package on the same WSDL
// doing the same work (the same emulator behind it), and bare node:http answering a canned response — alone, after
// fast-xml-parser's parse of the body, and after the codec's whole decode (the steps from bare to ours). Each server
// runs in its own process (autocannon runs in this one); every request inserts one new interaction (unique ids),
// limiters off; 32 and 256 connections, BENCH_DURATION seconds each (default 5) after a 1 s warm-up.
//
//   npx --yes pnpm@10 --filter "@crmod-cti/transport-fetch..." build && npx --yes pnpm@10 --filter @crmod-cti/transport-node bench
//
// (`pnpm bench` at the root builds the packages first.) The servers take turns over BENCH_ROUNDS rounds (default 3)
// and each one's best round counts, so that a burst of other work on the machine does not decide the ratios.
import { spawn } from "node:child_process"
import { once } from "node:events"
import { readFileSync } from "node:fs"
import { cpus } from "node:os"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import autocannon from "autocannon"

const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const duration = Number(process.env.BENCH_DURATION ?? 5)
const connectionCounts = (process.env.BENCH_CONNECTIONS ?? "32,256").split(",").map(Number)
const serve = fileURLToPath(new URL("./serve.mjs", import.meta.url))
// The fetch handler's server lives beside transport-fetch, which depends on it.
const serveFetch = fileURLToPath(new URL("../../transport-fetch/bench/serve-handler.mjs", import.meta.url))
// Extra node flags for the servers, e.g. BENCH_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof".
const nodeFlags = (process.env.BENCH_NODE_OPTIONS ?? "").split(" ").filter((flag) => flag !== "")

const start = async (kind) => {
  const args = kind.startsWith("file:") ? [kind.slice(5)] : kind === "fetch" ? [serveFetch] : [serve, kind]
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

const envelope = (id) =>
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"' +
  ' xmlns:cti="urn:crmondemand/ws/odctibs/ctiactivity/" xmlns:data="urn:/crmondemand/xml/ctiactivity/data">' +
  '<soapenv:Header><wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"' +
  ' soapenv:mustUnderstand="1"><wsse:UsernameToken><wsse:Username>OKP/mos.def</wsse:Username>' +
  '<wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">password</wsse:Password>' +
  "</wsse:UsernameToken></wsse:Security></soapenv:Header><soapenv:Body><cti:CTIActivityInsert_Input>" +
  `<data:ListOfInteraction><data:Interaction><data:InteractionId>${id}</data:InteractionId>` +
  "<data:AgentOfferTime>1287786900</data:AgentOfferTime><data:ChannelType>Inbound Call</data:ChannelType>" +
  "<data:Origin>+1 555 111 1212</data:Origin><data:Destination>18003849503</data:Destination>" +
  "<data:Queue>Support</data:Queue></data:Interaction></data:ListOfInteraction></cti:CTIActivityInsert_Input>" +
  "</soapenv:Body></soapenv:Envelope>"

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
  ours: "transport-node `listen` + emulator",
  fetch: "transport-fetch handler (batchAnswers) on @hono/node-server + emulator",
  soap: "soap package + the same emulator",
  bare: "bare node:http (canned)",
  parse: "bare + fast-xml-parser parse (canned)",
  decode: "bare + the codec's decodeRequest (canned)",
}

// Ours built up from bare node:http, one piece of work at a time: what each step adds, in µs per request.
const steps = [
  ["bare", "node:http: read the body, answer"],
  ["parse", "+ fast-xml-parser's parse, the codec's options"],
  ["decode", "+ the rest of the decode: pre-scan, namespaces, envelope, WS-Security, the core's validation"],
  ["ours", "+ sign-in, insert, encoding, our server's request handling (and write batching)"],
]
// BENCH_SERVERS picks some of them (ratios need soap and bare, the steps table bare, parse, decode and ours), e.g.
// BENCH_SERVERS=ours for a profile; an entry `file:<script>` runs a script that serves like serve.mjs (prints `{"url"}`,
// stops when stdin closes), to try a variant.
const kinds = (process.env.BENCH_SERVERS ?? "ours,fetch,soap,bare,parse,decode").split(",")
console.log(
  `Server inserts per second — best of ${rounds} round(s) of ${duration} s after 1 s of warm-up, ` +
    `Node ${process.version}, ${cpus().length}× ${cpus()[0]?.model ?? "CPU"}`,
)
for (const connections of connectionCounts) {
  const best = new Map()
  // The server's CPU per request, least over the rounds like the time.
  const leastCpu = new Map()
  for (let round = 1; round <= rounds; round++) {
    for (const kind of kinds) {
      const result = await measure(kind, connections, round)
      if ((best.get(kind)?.perSecond ?? 0) < result.perSecond) best.set(kind, result)
      if (!(leastCpu.get(kind) <= result.cpu)) leastCpu.set(kind, result.cpu)
    }
  }
  const soap = best.get("soap")?.perSecond ?? Number.NaN
  const bare = best.get("bare")?.perSecond ?? Number.NaN
  const bareCpu = leastCpu.get("bare") ?? Number.NaN
  console.log("")
  console.log(`${connections} connections:`)
  console.log("")
  console.log("| server | inserts/s | p99 ms | ÷ soap | ÷ bare | server CPU µs/request | bare's CPU ÷ this |")
  console.log("|---|---:|---:|---:|---:|---:|---:|")
  for (const kind of kinds) {
    const { perSecond, p99 } = best.get(kind)
    const cpu = leastCpu.get(kind)
    const row = [
      labels[kind] ?? kind,
      Math.round(perSecond),
      p99,
      (perSecond / soap).toFixed(2),
      (perSecond / bare).toFixed(2),
      cpu.toFixed(1),
      (bareCpu / cpu).toFixed(2),
    ]
    console.log(`| ${row.join(" | ")} |`)
  }
  for (const kind of ["ours", "fetch"].filter((kind) => best.has(kind))) {
    const perSecond = best.get(kind).perSecond
    const goal = (ratio, target) => `${ratio.toFixed(2)}× (goal ≥ ${target}: ${ratio >= target ? "met" : "not met"})`
    console.log(`${kind}: ${goal(perSecond / soap, 2)} the soap server, ${goal(perSecond / bare, 0.4)} bare node:http`)
  }
  if (steps.every(([kind]) => best.has(kind))) {
    console.log("")
    console.log("| step | server | µs per request (10⁶ ÷ inserts/s) | added | server CPU µs/request | added |")
    console.log("|---|---|---:|---:|---:|---:|")
    let before
    for (const [kind, step] of steps) {
      const now = { micros: 1e6 / best.get(kind).perSecond, cpu: leastCpu.get(kind) }
      const added = (field) => (before === undefined ? "" : `+${(now[field] - before[field]).toFixed(1)}`)
      console.log(
        `| ${step} | ${kind} | ${now.micros.toFixed(1)} | ${added("micros")} | ${now.cpu.toFixed(1)} | ${added("cpu")} |`,
      )
      before = now
    }
    console.log(`0.4× bare node:http is ${(1e6 / (0.4 * bare)).toFixed(1)} µs per request.`)
  }
}
