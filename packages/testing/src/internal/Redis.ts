import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import * as net from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { freePort } from "./FreePort.js"

/** A Redis server of a test's own, on loopback and a socket in a temporary directory, persisting nothing. */
export interface RedisServer {
  /** `redis://[:password@]127.0.0.1:<port>` */
  readonly url: string
  readonly port: number
  /** The server's process, to kill it mid-run. */
  readonly process: ChildProcess
  /** Starts it again on the same port (after a kill); resolves once it accepts connections. */
  readonly restart: () => Promise<void>
  /** Stops the server and removes its directory. */
  readonly stop: () => Promise<void>
}

export interface RedisOptions {
  /** Clients must give this password (`--requirepass`); the URL carries it. */
  readonly password?: string
}

/** Resolves once `port` accepts a connection; rejects if the process exits first or after 10 s. */
const accepting = (port: number, child: ChildProcess) =>
  new Promise<void>((resolve, reject) => {
    const deadline = Date.now() + 10_000
    const exited = () => reject(new Error(`redis-server exited (${child.exitCode}) before it listened`))
    child.once("exit", exited)
    const attempt = () => {
      const socket = net.connect(port, "127.0.0.1")
      socket.once("connect", () => {
        socket.destroy()
        child.off("exit", exited)
        resolve()
      })
      socket.once("error", () => {
        socket.destroy()
        if (Date.now() > deadline) return reject(new Error(`redis-server did not listen on ${port} within 10 s`))
        setTimeout(attempt, 20)
      })
    }
    attempt()
  })

/**
 * Starts Debian's `redis-server` (CONTRACT §12) on a free loopback port and a unix socket in a temporary directory,
 * saving nothing to disk; `stop` kills it.
 */
export const startRedis = async (options: RedisOptions = {}): Promise<RedisServer> => {
  const dir = mkdtempSync(join(tmpdir(), "crmod-cti-redis-"))
  const port = await freePort()
  const args = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--unixsocket",
    join(dir, "redis.sock"),
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    dir,
    ...(options.password === undefined ? [] : ["--requirepass", options.password]),
  ]
  const launch = async () => {
    const child = spawn("redis-server", args, { stdio: "ignore" })
    await accepting(port, child)
    return child
  }
  let child = await launch()
  const stopped = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once("exit", () => resolve())
      child.kill("SIGKILL")
    })
  const auth = options.password === undefined ? "" : `:${encodeURIComponent(options.password)}@`
  const server: RedisServer = {
    url: `redis://${auth}127.0.0.1:${port}`,
    port,
    get process() {
      return child
    },
    restart: async () => {
      await stopped()
      child = await launch()
    },
    stop: async () => {
      await stopped()
      rmSync(dir, { recursive: true, force: true })
    },
  }
  return server
}
