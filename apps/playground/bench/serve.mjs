// The playground as users run it (the BUILT `dist/server/main.js`, `pnpm start`'s server), in this process, for the
// server benchmark of @crmod-cti/emulator-http (`file:` entry): prints its URL as JSON on stdout and serves until its
// standard input closes. Limiters and the sign-in lockout off, as in mixed-load.mjs:
//
//   BENCH_SERVERS=file:apps/playground/bench/serve.mjs,lean node packages/emulator-http/bench/server.bench.mjs
import { createServer } from "node:net"

const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, "127.0.0.1", () => {
    const { port } = probe.address()
    probe.close(() => resolve(port))
  })
})
Object.assign(process.env, { HOST: "127.0.0.1", PORT: String(port), CTI_LIMITERS: "off", CTI_LOCKOUT: "off" })
const url = `http://127.0.0.1:${port}`
// main.js logs where it serves on stdout: this process's stdout is for the URL line alone.
console.log = console.error
await import(new URL("../dist/server/main.js", import.meta.url).href)
for (;;) {
  const up = await fetch(`${url}/healthz`).then(
    (r) => r.ok,
    () => false,
  )
  if (up) break
  await new Promise((resolve) => setTimeout(resolve, 100))
}
process.stdout.write(`${JSON.stringify({ url })}\n`)
process.stdin.on("data", () => undefined)
process.stdin.on("end", () => process.exit(0))
