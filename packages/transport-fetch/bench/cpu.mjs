// The client process's own CPU time per interaction, to compare builds on a shared machine: each client (and the
// `soap` package's, for the ratio) in a fresh process warms up with CPU_WARM_UP calls one at a time, then makes
// CPU_CALLS calls of one interaction, 10 in flight, limiters and pacing off, against the bench server in a process of
// its own (`process.cpuUsage`, all of the process's threads). The clients take turns, CPU_ROUNDS rounds, and the table
// gives each one's median. Extra arguments are other built checkouts whose clients take their turns too:
//
//   node packages/transport-fetch/bench/cpu.mjs [checkout…]
import { spawn } from "node:child_process"
import { createInterface } from "node:readline"
import { fileURLToPath, pathToFileURL } from "node:url"
import { cpuPerInteraction } from "./cpuPerInteraction.mjs"

const user = { username: "OKP/mos.def", password: "password" }
const calls = Number(process.env.CPU_CALLS ?? 2000)
const warmUp = Number(process.env.CPU_WARM_UP ?? 2000)

/** One client in this process: warm up, then the measured calls; prints the CPU µs per interaction. */
const measure = async (root, client, url) => {
  const endpoint = `${url}/Services/Integration`
  let next = 0
  const interaction = () => ({
    InteractionId: `C${process.pid}-${(next++).toString(36)}`,
    AgentOfferTime: 1287786900,
    ChannelType: "Inbound Call",
  })
  let insert
  let close = async () => undefined
  if (client === "soap") {
    const soap = await import("soap")
    const basic = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString("base64")}`
    const soapClient = await soap.createClientAsync(`${endpoint}/CTIActivity?wsdl`, {
      wsdl_headers: { Authorization: basic },
    })
    soapClient.setSecurity(new soap.WSSecurity(user.username, user.password, { passwordType: "PasswordText" }))
    insert = (call) => soapClient.CTIActivityInsertAsync({ ListOfInteraction: { Interaction: [call] } })
  } else {
    const { createClient } = await import(new URL(`packages/${client}/dist/index.js`, root).href)
    const crm = createClient({ endpoint, ...user, pacing: false })
    insert = (call) => crm.insert([call])
    close = () => crm.close()
  }
  const micros = await cpuPerInteraction(insert, interaction, { calls, warmUp })
  await close()
  console.log(JSON.stringify(micros))
}

if (process.argv[2] === "--child") {
  const [, , , root, client, url] = process.argv
  await measure(root, client, url)
  process.exit(0)
}

const here = new URL("../../../", import.meta.url)
const roots = [here.href, ...process.argv.slice(2).map((path) => pathToFileURL(`${path.replace(/\/$/, "")}/`).href)]
const rounds = Number(process.env.CPU_ROUNDS ?? 5)
const clients = (process.env.CPU_CLIENTS ?? "transport-fetch,transport-node").split(",")

const server = spawn(process.execPath, [fileURLToPath(new URL("./serve.mjs", import.meta.url))], {
  stdio: ["pipe", "pipe", "inherit"],
})
const { url } = JSON.parse((await createInterface({ input: server.stdout })[Symbol.asyncIterator]().next()).value)
const run = (root, client) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "--child", root, client, url], {
      stdio: ["ignore", "pipe", "inherit"],
    })
    let out = ""
    child.stdout.on("data", (chunk) => {
      out += chunk
    })
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`${client} exited ${code}`))))
  })

const runs = [
  ...roots.flatMap((root) => clients.map((client) => ({ root, client }))),
  { root: here.href, client: "soap" },
]
const samples = runs.map(() => [])
try {
  // Sign the user in once (scrypt), as a running client would have.
  await run(here.href, "soap")
  for (let round = 0; round < rounds; round++) {
    for (const [i, { root, client }] of runs.entries()) samples[i].push(await run(root, client))
  }
} finally {
  server.stdin.end()
}
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]
const soapMicros = median(samples.at(-1).map((s) => s.user + s.system))
console.log(`Client CPU per interaction — ${calls} calls of one, 10 in flight; median of ${rounds} rounds`)
console.log("")
console.log("| checkout | client | CPU µs (user + system) | soap ÷ this |")
console.log("|---|---|---:|---:|")
for (const [i, { root, client }] of runs.entries()) {
  const micros = median(samples[i].map((s) => s.user + s.system))
  const user = median(samples[i].map((s) => s.user))
  const system = median(samples[i].map((s) => s.system))
  const where = fileURLToPath(root)
  console.log(
    `| ${where} | ${client} | ${micros.toFixed(0)} (${user.toFixed(0)} + ${system.toFixed(0)}) | ${(soapMicros / micros).toFixed(2)} |`,
  )
}
process.exit(0)
