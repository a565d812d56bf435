// Client calls per second against the same server (the emulator behind the CRM side's app, in its own
// process): our Node client, our fetch client (Node's global fetch), and the `soap` package's client loading the
// WSDL. Each call inserts one new interaction; BENCH_CONCURRENCY calls are kept in flight (default 10). Pacing and
// retries of our clients are off, since the server's limiters are.
//
//   npx --yes pnpm@10 build && npx --yes pnpm@10 --filter @crmod-cti/transport-fetch bench
//
// The clients take turns over BENCH_ROUNDS rounds (default 3) of BENCH_DURATION seconds (default 5); each one's best
// round counts.
import { spawn } from "node:child_process"
import { once } from "node:events"
import { cpus } from "node:os"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import { createClient as createFetchClient } from "@crmod-cti/transport-fetch"
import { createClient as createNodeClient } from "@crmod-cti/transport-node"
import * as soap from "soap"

const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const duration = Number(process.env.BENCH_DURATION ?? 5)
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 10)
const user = { username: "OKP/mos.def", password: "password" }

const child = spawn(process.execPath, [fileURLToPath(new URL("./serve.mjs", import.meta.url))], {
  stdio: ["pipe", "pipe", "inherit"],
})
const [line] = await once(createInterface({ input: child.stdout }), "line")
const { url } = JSON.parse(line)
const endpoint = `${url}/Services/Integration`

const ours = (create) => {
  const client = create({ endpoint, ...user, pacing: false, retry: false })
  return {
    insert: (interaction) => client.insert([interaction]).then(([result]) => result.Status),
    close: () => client.close?.(),
  }
}

const soapClient = async () => {
  const basic = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString("base64")}`
  const client = await soap.createClientAsync(`${url}/Services/Integration/CTIActivity?wsdl`, {
    wsdl_headers: { Authorization: basic },
  })
  client.setSecurity(new soap.WSSecurity(user.username, user.password, { passwordType: "PasswordText" }))
  return {
    insert: (interaction) =>
      client
        .CTIActivityInsertAsync({ ListOfInteraction: { Interaction: [interaction] } })
        .then(([output]) => [output.ListOfActivity.Activity].flat()[0].Status),
    close: () => undefined,
  }
}

const clients = {
  "transport-node createClient": async () => ours(createNodeClient),
  "transport-fetch createClient (global fetch)": async () => ours(createFetchClient),
  "soap package client": soapClient,
}

let next = 0
const measure = async (name) => {
  const client = await clients[name]()
  const call = () =>
    client.insert({
      InteractionId: `C${(next++).toString(36)}`,
      AgentOfferTime: 1287786900,
      ChannelType: "Inbound Call",
    })
  const run = async (seconds) => {
    const until = performance.now() + seconds * 1000
    const latencies = []
    const loop = async () => {
      while (performance.now() < until) {
        const started = performance.now()
        const status = await call()
        if (status !== "OK") throw new Error(`${name}: ${status}`)
        latencies.push(performance.now() - started)
      }
    }
    const started = performance.now()
    await Promise.all(Array.from({ length: concurrency }, loop))
    latencies.sort((a, b) => a - b)
    return {
      perSecond: latencies.length / ((performance.now() - started) / 1000),
      p50: latencies[Math.floor(latencies.length / 2)],
    }
  }
  try {
    await run(1) // warm-up
    return await run(duration)
  } finally {
    client.close()
  }
}

console.log(
  `Client calls per second — best of ${rounds} rounds of ${duration} s, ${concurrency} calls in flight, ` +
    `Node ${process.version}, ${cpus().length}× ${cpus()[0]?.model ?? "CPU"}`,
)
const best = new Map()
for (let round = 1; round <= rounds; round++) {
  for (const name of Object.keys(clients)) {
    const result = await measure(name)
    console.log(`  round ${round}: ${name}: ${Math.round(result.perSecond)}/s`)
    if ((best.get(name)?.perSecond ?? 0) < result.perSecond) best.set(name, result)
  }
}
child.stdin.end()
const soapRate = best.get("soap package client").perSecond
console.log("")
console.log("| client | calls/s | p50 ms | this ÷ soap |")
console.log("|---|---:|---:|---:|")
for (const [name, { perSecond, p50 }] of best) {
  console.log(`| ${name} | ${Math.round(perSecond)} | ${p50.toFixed(1)} | ${(perSecond / soapRate).toFixed(2)} |`)
}
