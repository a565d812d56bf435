// `npx --yes pnpm@10 start`: the playground, built if its sources changed since the last build (turbo's cache),
// then served. Plain Node, so that it runs before anything is built.
import { spawn } from "node:child_process"
import { createServer } from "node:net"
import { fileURLToPath } from "node:url"

const appRoot = new URL("../", import.meta.url)
const repoRoot = new URL("../../", appRoot)

/** Whether HOST:PORT can be listened on now: the question is asked before a build that would be for nothing. */
const portIsFree = (host, port) =>
  new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once("error", (error) => (error.code === "EADDRINUSE" ? resolve(false) : reject(error)))
    probe.listen(port, host, () => probe.close(() => resolve(true)))
  })

const host = process.env.HOST?.trim() || "127.0.0.1"
const portText = process.env.PORT?.trim() || "8080"
// A PORT that is no port number is left to the server, which names what is wrong with it.
if (/^[0-9]{1,5}$/.test(portText) && Number(portText) > 0 && Number(portText) <= 65535) {
  if (!(await portIsFree(host, Number(portText)))) {
    console.error(
      `Port ${portText} on ${host} is already in use. Stop what is using it, or set PORT to another port, ` +
        `e.g. PORT=${Number(portText) === 65535 ? 8081 : Number(portText) + 1} npx --yes pnpm@10 start (PORT=0: any free port).`,
    )
    process.exit(1)
  }
}

console.log(
  "Building the playground (the softphone with Vite, the server with tsup); unchanged sources are not rebuilt…",
)
const turbo = fileURLToPath(new URL("node_modules/turbo/bin/turbo", repoRoot))
const build = spawn(
  process.execPath,
  [turbo, "run", "build", "--filter=@crmod-cti/playground", "--output-logs=new-only", "--log-prefix=none"],
  { cwd: fileURLToPath(repoRoot), stdio: "inherit" },
)
const code = await new Promise((resolve) => build.once("exit", (exitCode, signal) => resolve(exitCode ?? signal)))
if (code !== 0) {
  console.error(`The build failed (${code}); see above.`)
  process.exit(1)
}
console.log("Starting the server…")
await import(new URL("dist/server/main.js", appRoot).href)
