// Server inserts per second, with autocannon: our Node server (the emulator behind it), a server written with the
// `soap` package on the same WSDL doing the same work in a Map, and bare node:http answering a canned response.
// Each server runs in its own process. Every request inserts a new interaction (unique ids), limiters off.
//
//   npx --yes pnpm@10 build && npx --yes pnpm@10 --filter @crmod-cti/transport-node bench
//
// The servers take turns over BENCH_ROUNDS rounds (default 3) and each one's best round counts, so that a burst of
// other work on the machine does not decide the ratios. BENCH_DURATION (seconds per run, default 5) and
// BENCH_CONNECTIONS (default 20) tune the run.
import { spawn } from "node:child_process"
import { once } from "node:events"
import { cpus } from "node:os"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import autocannon from "autocannon"

const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const duration = Number(process.env.BENCH_DURATION ?? 5)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20)
const serve = fileURLToPath(new URL("./serve.mjs", import.meta.url))

const start = async (kind) => {
  const child = spawn(process.execPath, [serve, kind], { stdio: ["pipe", "pipe", "inherit"] })
  const [line] = await once(createInterface({ input: child.stdout }), "line")
  return { url: JSON.parse(line).url, stop: () => child.stdin.end() }
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

const run = (url, seconds, prefix) => {
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

const measure = async (kind) => {
  const server = await start(kind)
  try {
    await run(server.url, 2, "W") // warm-up: JIT, password cache, connections
    const result = await run(server.url, duration, "M")
    if (result.non2xx > 0 || result.errors > 0) {
      throw new Error(`${kind}: ${result.non2xx} non-2xx answers and ${result.errors} errors`)
    }
    return { kind, perSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 }
  } finally {
    server.stop()
  }
}

const labels = { ours: "transport-node + emulator", soap: "soap package + Map", bare: "bare node:http (canned)" }
const kinds = ["ours", "soap", "bare"]
console.log(
  `Server inserts per second — best of ${rounds} rounds of ${duration} s, ${connections} connections, ` +
    `Node ${process.version}, ${cpus().length}× ${cpus()[0]?.model ?? "CPU"}`,
)
const best = new Map()
for (let round = 1; round <= rounds; round++) {
  for (const kind of kinds) {
    const result = await measure(kind)
    console.log(`  round ${round}: ${labels[kind]}: ${Math.round(result.perSecond)}/s`)
    if ((best.get(kind)?.perSecond ?? 0) < result.perSecond) best.set(kind, result)
  }
}
const results = kinds.map((kind) => best.get(kind))
const ours = results[0].perSecond
console.log("")
console.log("| server | inserts/s | p50 ms | p99 ms | ours ÷ this |")
console.log("|---|---:|---:|---:|---:|")
for (const { kind, perSecond, p50, p99 } of results) {
  console.log(`| ${labels[kind]} | ${Math.round(perSecond)} | ${p50} | ${p99} | ${(ours / perSecond).toFixed(2)} |`)
}
const soapRatio = ours / results[1].perSecond
const bareRatio = ours / results[2].perSecond
console.log("")
console.log(
  `ours = ${soapRatio.toFixed(2)}× the soap package's server (goal ≥ 2), ${bareRatio.toFixed(2)}× bare node:http (goal ≥ 0.4)`,
)
