import { execFile, execFileSync } from "node:child_process"
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { promisify } from "node:util"
import { freePort } from "./FreePort.js"

const run = promisify(execFile)

/** A PostgreSQL server of a test's own, on loopback, in a temporary directory. */
export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  readonly url: string
  /** Stops the server and removes its directory. */
  readonly stop: () => Promise<void>
}

export interface PostgresOptions {
  /** Commits wait for the disk, as in production (default off: tests do not test PostgreSQL's durability). */
  readonly durable?: boolean
}

/** Debian's binaries (`/usr/lib/postgresql/<version>/bin`, newest first), else whatever `initdb` the PATH has. */
const binDir = (): string => {
  const root = "/usr/lib/postgresql"
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(join(root, name, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : []
  return versions[0] === undefined ? "" : join(root, versions[0], "bin")
}

/**
 * Starts PostgreSQL with `initdb` and `pg_ctl` (CONTRACT §12): as the `postgres` user when run as root (PostgreSQL
 * refuses root), in a temporary directory it owns, on a free loopback port and a socket in that directory.
 */
export const startPostgres = async (options: PostgresOptions = {}): Promise<PostgresServer> => {
  const bin = binDir()
  const tool = (name: string) => (bin === "" ? name : join(bin, name))
  const asRoot = process.getuid?.() === 0
  const as = (command: string, args: ReadonlyArray<string>) =>
    asRoot ? run("runuser", ["-u", "postgres", "--", command, ...args]) : run(command, [...args])
  const dir = mkdtempSync(join(tmpdir(), "crmod-cti-pg-"))
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim())
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim())
    chownSync(dir, uid, gid)
  }
  const data = join(dir, "data")
  await as(tool("initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"])
  const port = await freePort()
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    ...(options.durable === true ? [] : ["-c fsync=off", "-c synchronous_commit=off"]),
  ].join(" ")
  await as(tool("pg_ctl"), ["-D", data, "-l", join(dir, "log"), "-w", "-t", "60", "-o", settings, "start"])
  let stopped: Promise<void> | undefined
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      stopped ??= as(tool("pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"])
        .then(() => undefined)
        .finally(() => rmSync(dir, { recursive: true, force: true }))
      return stopped
    },
  }
}
