// Delivery (issue 14, CONTRACT §10): one user's interactions per second against the emulator with its rate limiter
// on (20 requests/s, 50 ms apart: a ceiling of 100 interactions/s), and the share of requests the service refused
// for the rate, with and without a CPU-bound process on every core; then the client's CPU time per interaction
// beside the `soap` package's client making the same calls (`cpu.mjs`). The service runs in its own process.
//
//   npx --yes pnpm@10 build && node packages/transport-fetch/bench/delivery.bench.mjs
import { spawn } from "node:child_process"
import { cpus } from "node:os"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import { createClient as createFetchClient } from "@crmod-cti/transport-fetch"
import { createClient as createNodeClient } from "@crmod-cti/transport-node"

const user = { username: "OKP/mos.def", password: "password" }
let next = 0
const interaction = () => ({
  InteractionId: `D${process.pid}-${(next++).toString(36)}`,
  AgentOfferTime: 1287786900,
  ChannelType: "Inbound Call",
})

/** A service in its own process; `stats()` asks it what it saw. */
const startService = async (args) => {
  const child = spawn(process.execPath, [fileURLToPath(new URL("./serve.mjs", import.meta.url)), ...args], {
    stdio: ["pipe", "pipe", "inherit"],
  })
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  const { url } = JSON.parse((await lines.next()).value)
  return {
    url,
    endpoint: `${url}/Services/Integration`,
    stats: async () => {
      child.stdin.write("stats\n")
      return JSON.parse((await lines.next()).value)
    },
    close: () => child.stdin.end(),
  }
}

const burning = () => cpus().map(() => spawn(process.execPath, ["-e", "for(;;){}"], { stdio: "ignore" }))
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

const clients = { "transport-node": createNodeClient, "transport-fetch": createFetchClient }

const scenarios = {
  "one call of 600": async (crm) => {
    const results = await crm.insert(Array.from({ length: 600 }, interaction))
    return results.length
  },
  "400 calls of one over 2 s": async (crm) => {
    const calls = []
    for (let i = 0; i < 400; i++) {
      calls.push(crm.insert([interaction()]))
      if (i % 4 === 3) await sleep(20)
    }
    return (await Promise.all(calls)).length
  },
}

const limited = await startService(["--limiters"])
// Sign the user in once (scrypt), as a running client would have.
await createNodeClient({ endpoint: limited.endpoint, ...user }).insert([interaction()])
await sleep(200)

console.log(
  `Delivery against the emulator with its rate limiter on — Node ${process.version}, ${cpus().length}× ${cpus()[0]?.model ?? "CPU"}`,
)
console.log("")
console.log("| client | calls | host | interactions/s | requests | rate-limited | share |")
console.log("|---|---|---|---:|---:|---:|---:|")
for (const loaded of [false, true]) {
  for (const [clientName, create] of Object.entries(clients)) {
    for (const [scenario, run] of Object.entries(scenarios)) {
      const burners = loaded ? burning() : []
      try {
        const before = await limited.stats()
        const crm = create({ endpoint: limited.endpoint, ...user })
        const started = performance.now()
        const count = await run(crm)
        const seconds = (performance.now() - started) / 1000
        await crm.close()
        const after = await limited.stats()
        const requests = after.requests - before.requests
        const refused = after.rateLimited - before.rateLimited
        console.log(
          `| ${clientName} | ${scenario} | ${loaded ? `${burners.length} CPU-bound processes` : "idle"} | ` +
            `${(count / seconds).toFixed(1)} | ${requests} | ${refused} | ${((100 * refused) / requests).toFixed(2)}% |`,
        )
      } finally {
        for (const burner of burners) burner.kill()
      }
      await sleep(1100)
    }
  }
}
limited.close()

// Client CPU per interaction beside the `soap` package's client, each in fresh processes (`cpu.mjs`).
const cpu = spawn(process.execPath, [fileURLToPath(new URL("./cpu.mjs", import.meta.url))], { stdio: "inherit" })
const code = await new Promise((resolve) => cpu.on("exit", resolve))
process.exit(code ?? 1)
