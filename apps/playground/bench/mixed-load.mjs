// Mixed load against the CRM side (issue 13): the BUILT playground server (`dist/server/main.js`) in its own
// process, limiters and lockout off, on 127.0.0.1; a bounded number of loops send inserts (a third on Fred Hong's
// number, so that his contact page gathers many activities), wrap-ups of earlier inserts, Communications tab views and
// views of Fred Hong's contact page, for `MIXED_LOAD_SECONDS` (default 60). Per 10 s slice it prints the activity
// count, the server's memory (VmRSS from /proc, heap from the server itself) and p50/p99 latency per kind; at the end
// every insert that answered OK is inserted again and must answer `Activity already exists` (otherwise: lost).
//
// `node bench/mixed-load.mjs` (env: MIXED_LOAD_SECONDS, MIXED_LOAD_LOOPS, MIXED_LOAD_SLICE_SECONDS). Exits 1 when
// anything was lost or the server failed.
import { spawn } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import { createServer } from "node:net"
import { fileURLToPath } from "node:url"

const appDir = fileURLToPath(new URL("..", import.meta.url))
const serverMain = `${appDir}dist/server/main.js`
const seconds = Number(process.env.MIXED_LOAD_SECONDS ?? 60)
const loops = Number(process.env.MIXED_LOAD_LOOPS ?? 16)
const sliceSeconds = Number(process.env.MIXED_LOAD_SLICE_SECONDS ?? 10)
const username = "OKP/mos.def"
const password = "password"
const fredHong = { id: "1QA2-RXQQC", phone: "+1 555 111 1212" }
const kinds = ["insert", "wrapUp", "communications", "contactPage"]

if (!existsSync(serverMain)) {
  console.error(`${serverMain} is missing: build it with npx --yes pnpm@10 --filter @crmod-cti/playground build`)
  process.exit(1)
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once("error", reject)
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })

// The server's heap, reported by the server process itself over IPC (a preloaded module; the server is unchanged).
const heapReporter =
  "data:text/javascript," +
  encodeURIComponent(
    "if (process.send) setInterval(() => process.send({ memory: process.memoryUsage() }), 500).unref()",
  )

const port = await freePort()
const base = `http://127.0.0.1:${port}`
const server = spawn(process.execPath, ["--import", heapReporter, serverMain], {
  cwd: appDir,
  env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), CTI_LIMITERS: "off", CTI_LOCKOUT: "off" },
  stdio: ["ignore", "ignore", "inherit", "ipc"],
})
let serverExited = false
server.on("exit", (code, signal) => {
  serverExited = true
  if (!stopping) console.error(`server exited early (${signal ?? `exit ${code}`})`)
})
let stopping = false
let heap = { heapUsed: 0, heapTotal: 0 }
server.on("message", (message) => {
  if (message?.memory !== undefined) heap = message.memory
})
const stop = () => {
  stopping = true
  if (!serverExited) server.kill("SIGTERM")
}
process.on("exit", stop)

const rssMiB = () => {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))?.[1]
    return kb === undefined ? Number.NaN : Number(kb) / 1024
  } catch {
    return Number.NaN
  }
}

// Waits for /healthz.
for (let attempt = 0; ; attempt++) {
  try {
    if ((await fetch(`${base}/healthz`)).ok) break
  } catch {}
  if (attempt > 200 || serverExited) {
    console.error("the server did not answer /healthz")
    process.exit(1)
  }
  await new Promise((resolve) => setTimeout(resolve, 50))
}

// Signs in through the form: the pre-sign-in cookie and its token, then the session cookie.
const cookieOf = (response, name) =>
  response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .find((pair) => pair.startsWith(`${name}=`))
const logonPage = await fetch(`${base}/OnDemand/logon`)
const logonCookie = cookieOf(logonPage, "crmod_logon_csrf")
const csrf = /name="csrf" value="([^"]*)"/.exec(await logonPage.text())?.[1] ?? ""
const signedIn = await fetch(`${base}/OnDemand/logon`, {
  method: "POST",
  redirect: "manual",
  headers: { "content-type": "application/x-www-form-urlencoded", cookie: logonCookie ?? "" },
  body: new URLSearchParams({ username, password, csrf }).toString(),
})
const session = cookieOf(signedIn, "crmod_session")
if (session === undefined) {
  console.error(`sign-in failed: HTTP ${signedIn.status}`)
  process.exit(1)
}

// SOAP written out by hand, as packages/testing's RawSoap does.
const security =
  '<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">' +
  `<wsse:UsernameToken><wsse:Username>${username}</wsse:Username><wsse:Password>${password}</wsse:Password>` +
  "</wsse:UsernameToken></wsse:Security>"
const fields = (values) =>
  Object.entries(values)
    .map(([name, value]) => `<data:${name}>${value}</data:${name}>`)
    .join("")
const envelope = (operation, interactions) =>
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"' +
  ' xmlns:cti="urn:crmondemand/ws/odctibs/ctiactivity/" xmlns:data="urn:/crmondemand/xml/ctiactivity/data">' +
  `<soapenv:Header>${security}</soapenv:Header><soapenv:Body><cti:${operation}_Input><data:ListOfInteraction>` +
  interactions.map((values) => `<data:Interaction>${fields(values)}</data:Interaction>`).join("") +
  `</data:ListOfInteraction></cti:${operation}_Input></soapenv:Body></soapenv:Envelope>`
const statusesOf = (body) =>
  [...body.matchAll(/<(?:[\w-]+:)?Status>([^<]*)<\/(?:[\w-]+:)?Status>/g)].map((match) => match[1])

const soap = async (operation, interactions) => {
  const response = await fetch(`${base}/Services/Integration`, {
    method: "POST",
    headers: {
      "content-type": "text/xml; charset=utf-8",
      soapaction: `"document/urn:crmondemand/ws/odctibs/ctiactivity/:${operation}"`,
    },
    body: envelope(operation, interactions),
  })
  const body = await response.text()
  return { ok: response.ok, statuses: statusesOf(body), body }
}
const page = async (path) => {
  const response = await fetch(`${base}${path}`, { headers: { cookie: session }, redirect: "manual" })
  const body = await response.text()
  return { ok: response.status === 200, bytes: body.length, rows: body.split("ActivityDetail?").length - 1 }
}

// The load.
const started = performance.now()
const deadline = started + seconds * 1000
const sliceOf = (time) =>
  Math.min(Math.floor((time - started) / (sliceSeconds * 1000)), Math.ceil(seconds / sliceSeconds) - 1)
const slices = []
const sliceAt = (index) =>
  (slices[index] ??= {
    latencies: Object.fromEntries(kinds.map((kind) => [kind, []])),
    errors: 0,
    rss: [],
    heap: [],
    activities: 0,
  })
const inserted = [] // every interaction that answered OK
const unwrapped = [] // of those, the ones not wrapped up yet: each is wrapped up once
let insertsOk = 0
let sequence = 0
const errors = []
const pageBytes = { communications: 0, contactPage: 0 } // the size of the last page seen: bounded by paging
const activityRows = { communications: 0, contactPage: 0 } // and the activity links on it
const noteError = (kind, detail) => {
  if (errors.length < 5) errors.push(`${kind}: ${detail}`)
}

const offerTime = 1_780_000_000
const nextInteraction = (loop) => {
  const n = sequence++
  const values = {
    InteractionId: `ML-${loop}-${n}`,
    AgentOfferTime: String(offerTime + n),
    ChannelType: "Inbound Call",
  }
  return n % 3 === 0 ? { ...values, Origin: fredHong.phone } : values
}

const requests = {
  insert: async (loop) => {
    const interaction = nextInteraction(loop)
    const { ok, statuses, body } = await soap("CTIActivityInsert", [interaction])
    if (ok && statuses[0] === "OK") {
      inserted.push(interaction)
      unwrapped.push(interaction)
      insertsOk++
      return true
    }
    noteError("insert", `${statuses[0] ?? body.slice(0, 200)}`)
    return false
  },
  wrapUp: async () => {
    const at = Math.floor(Math.random() * unwrapped.length)
    const { Origin: _origin, ...identity } = unwrapped[at]
    unwrapped[at] = unwrapped.at(-1)
    unwrapped.pop()
    const { ok, statuses, body } = await soap("CTIActivityWrapUp", [identity])
    if (ok && statuses[0] === "OK") return true
    noteError("wrapUp", `${statuses[0] ?? body.slice(0, 200)}`)
    return false
  },
  communications: async () => {
    const { ok, bytes, rows } = await page("/OnDemand/user/Communications")
    pageBytes.communications = bytes
    activityRows.communications = rows
    if (!ok) noteError("communications", "not 200")
    return ok
  },
  contactPage: async () => {
    const { ok, bytes, rows } = await page(`/OnDemand/user/ContactDetail?id=${fredHong.id}`)
    pageBytes.contactPage = bytes
    activityRows.contactPage = rows
    if (!ok) noteError("contactPage", "not 200")
    return ok
  },
}
// Of every 10 requests: 6 inserts, 2 wrap-ups, 1 Communications view, 1 contact page view.
const mix = [
  "insert",
  "insert",
  "insert",
  "insert",
  "insert",
  "insert",
  "wrapUp",
  "wrapUp",
  "communications",
  "contactPage",
]

const loop = async (index) => {
  while (performance.now() < deadline && !serverExited) {
    const drawn = mix[Math.floor(Math.random() * mix.length)]
    const kind = drawn === "wrapUp" && unwrapped.length === 0 ? "insert" : drawn
    const before = performance.now()
    let ok
    try {
      ok = await requests[kind](index)
    } catch (error) {
      noteError(kind, error.message)
      ok = false
    }
    const after = performance.now()
    const slice = sliceAt(sliceOf(after))
    slice.latencies[kind].push(after - before)
    if (!ok) slice.errors++
  }
}

const sampler = setInterval(() => {
  const slice = sliceAt(sliceOf(performance.now()))
  slice.rss.push(rssMiB())
  slice.heap.push(heap.heapUsed / 2 ** 20)
  slice.activities = insertsOk
}, 500)

console.log(
  `Mixed load: ${seconds} s, ${loops} loops, limiters and lockout off, ${base} (server pid ${server.pid}); ` +
    "of every 10 requests 6 inserts (a third on Fred Hong), 2 wrap-ups, 1 Communications, 1 Fred Hong's page",
)
await Promise.all(Array.from({ length: loops }, (_, index) => loop(index)))
clearInterval(sampler)
const elapsed = (performance.now() - started) / 1000

// The table.
const quantile = (values, q) => {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]
}
const last = (values) => values.at(-1) ?? Number.NaN
const fixed = (value, digits = 1) => (Number.isNaN(value) ? "-" : value.toFixed(digits))
const header = [
  "slice",
  "activities",
  "req/s",
  "RSS MiB",
  "heap MiB min-max",
  ...kinds.map((kind) => `${kind} p50/p99 ms`),
  "errors",
]
const rows = slices.map((slice, index) => {
  const count = kinds.reduce((sum, kind) => sum + slice.latencies[kind].length, 0)
  return [
    `${index * sliceSeconds}-${Math.min((index + 1) * sliceSeconds, seconds)} s`,
    String(slice.activities),
    fixed(count / sliceSeconds, 0),
    fixed(last(slice.rss)),
    `${fixed(Math.min(...slice.heap))}-${fixed(Math.max(...slice.heap))}`,
    ...kinds.map(
      (kind) =>
        `${fixed(quantile(slice.latencies[kind], 0.5))}/${fixed(quantile(slice.latencies[kind], 0.99))} (${slice.latencies[kind].length})`,
    ),
    String(slice.errors),
  ]
})
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)))
const line = (cells) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(" | ")} |`
console.log(`\n${line(header)}`)
console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`)
for (const row of rows) console.log(line(row))
console.log(
  "(latency: p50/p99 in ms, (requests); RSS: the last sample of the slice; heap: the least and most of its samples, " +
    "every 0.5 s: the least is near what the collector keeps)",
)

// Nothing lost: every OK insert, inserted again, must answer "Activity already exists".
const lost = []
let checking = 0
const batches = []
for (let at = 0; at < inserted.length; at += 5) batches.push(inserted.slice(at, at + 5))
await Promise.all(
  Array.from({ length: loops }, async () => {
    while (checking < batches.length) {
      const batch = batches[checking++]
      const { statuses, body } = await soap("CTIActivityInsert", batch)
      batch.forEach((interaction, index) => {
        if (statuses[index] !== "Activity already exists")
          lost.push(`${interaction.InteractionId}: ${statuses[index] ?? body.slice(0, 200)}`)
      })
    }
  }),
)

const firstFull = slices[0]
const lastFull = slices.at(-1)
const total = slices.reduce((sum, slice) => sum + kinds.reduce((s, kind) => s + slice.latencies[kind].length, 0), 0)
const totalErrors = slices.reduce((sum, slice) => sum + slice.errors, 0)
console.log(
  `\n${total} requests in ${elapsed.toFixed(1)} s, ${insertsOk} activities inserted, ${totalErrors} errors` +
    (errors.length > 0 ? ` (first: ${errors.join("; ")})` : ""),
)
if (firstFull !== undefined && lastFull !== undefined) {
  const ratio = (kind) => fixed(quantile(lastFull.latencies[kind], 0.99) / quantile(firstFull.latencies[kind], 0.99), 2)
  console.log(
    `first → last slice: RSS ${fixed(last(firstFull.rss))} → ${fixed(last(lastFull.rss))} MiB, least heap ` +
      `${fixed(Math.min(...firstFull.heap))} → ${fixed(Math.min(...lastFull.heap))} MiB; p99 ratio ` +
      kinds.map((kind) => `${kind} ×${ratio(kind)}`).join(", "),
  )
}
console.log(
  `last pages: Communications ${(pageBytes.communications / 1024).toFixed(0)} KB (${activityRows.communications} activity links), ` +
    `Fred Hong's contact page ${(pageBytes.contactPage / 1024).toFixed(0)} KB (${activityRows.contactPage} activity links)`,
)
console.log(`re-inserted ${inserted.length} OK inserts: lost ${lost.length}`)
for (const entry of lost.slice(0, 20)) console.log(`  lost ${entry}`)
if (lost.length > 20) console.log(`  … and ${lost.length - 20} more`)
const failed = lost.length > 0 || serverExited
console.log(`Verdict: ${failed ? "FAILED" : "ok"} (lost: ${lost.length})`)
stop()
process.exit(failed ? 1 : 0)
