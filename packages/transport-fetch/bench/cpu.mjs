// The client process's own CPU time per interaction (`process.cpuUsage`: all of its threads, JIT and GC included),
// each client (and the `soap` package's, for the ratio) in a fresh process against the bench server in a process of
// its own, limiters and pacing off, always 10 calls of one interaction in flight: a middleware logging calls as they
// happen. Each process reads two figures:
// - early: CPU_EARLY calls (default 2 000) after CPU_EARLY calls of warm-up, the first seconds of a process;
// - steady: CPU_CALLS calls (default 8 000) after CPU_WARM_UP calls in all (default 20 000), once V8 has compiled
//   what it will (each client's cost still falls past 10 000 calls): what a middleware running for hours pays.
// The clients take turns, CPU_ROUNDS rounds (default 5), and the table gives each one's medians. Extra arguments are
// other built checkouts whose clients take their turns too:
//
//   node packages/transport-fetch/bench/cpu.mjs [checkout…]
import { spawn } from "node:child_process"
import { createInterface } from "node:readline"
import { fileURLToPath, pathToFileURL } from "node:url"

const user = { username: "OKP/mos.def", password: "password" }
const early = Number(process.env.CPU_EARLY ?? 2000)
const calls = Number(process.env.CPU_CALLS ?? 8000)
const warmUp = Number(process.env.CPU_WARM_UP ?? 20_000)

/** The CPU µs per interaction of `count` calls, 10 in flight. */
const cpuOf = async (insert, interaction, count) => {
  const cpu = process.cpuUsage()
  let remaining = count
  const loop = async () => {
    while (remaining-- > 0) await insert(interaction())
  }
  await Promise.all(Array.from({ length: 10 }, loop))
  const used = process.cpuUsage(cpu)
  return { user: used.user / count, system: used.system / count }
}

/** One client in this process: prints its early and steady CPU µs per interaction. */
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
  await cpuOf(insert, interaction, early)
  const first = await cpuOf(insert, interaction, early)
  await cpuOf(insert, interaction, Math.max(0, warmUp - 2 * early))
  const steady = await cpuOf(insert, interaction, calls)
  await close()
  console.log(JSON.stringify({ early: first, steady }))
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
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const micros = (i, phase) => median(samples[i].map((s) => s[phase].user + s[phase].system))
const soap = runs.length - 1
console.log(
  `Client CPU per interaction — calls of one, 10 in flight; early: ${early} calls after ${early}; steady: ${calls} ` +
    `after ${warmUp}; medians of ${rounds} rounds`,
)
console.log("")
console.log("| checkout | client | early CPU µs | soap ÷ this | steady CPU µs (user + system) | soap ÷ this |")
console.log("|---|---|---:|---:|---:|---:|")
for (const [i, { root, client }] of runs.entries()) {
  const steadyUser = median(samples[i].map((s) => s.steady.user))
  const steadySystem = median(samples[i].map((s) => s.steady.system))
  console.log(
    `| ${fileURLToPath(root)} | ${client} | ${micros(i, "early").toFixed(0)} | ` +
      `${(micros(soap, "early") / micros(i, "early")).toFixed(2)} | ` +
      `${micros(i, "steady").toFixed(0)} (${steadyUser.toFixed(0)} + ${steadySystem.toFixed(0)}) | ` +
      `${(micros(soap, "steady") / micros(i, "steady")).toFixed(2)} |`,
  )
}
process.exit(0)
