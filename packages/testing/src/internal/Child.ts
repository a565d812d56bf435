import { type ChildProcess, spawn } from "node:child_process"
/** A running child: its stdout lines as they come, and a way to wait for one. */
export interface Child {
  readonly process: ChildProcess
  readonly lines: Array<string>
  /** Resolves with the first line (from the start) that `match` accepts; rejects if the child exits first. */
  readonly waitFor: (match: (line: string) => boolean) => Promise<string>
  readonly exited: Promise<number | null>
}

/** Runs a bundled `script` (see `bundleScript`) with `config` as its one argument (JSON), in `cwd`. */
export const startChild = (script: string, config: object, cwd: string = process.cwd()): Child => {
  const child = spawn(process.execPath, [script, JSON.stringify(config)], {
    cwd,
    stdio: ["ignore", "pipe", "inherit"],
  })
  const lines: Array<string> = []
  const waiters = new Set<() => void>()
  let buffered = ""
  child.stdout?.setEncoding("utf8")
  child.stdout?.on("data", (data: string) => {
    buffered += data
    const parts = buffered.split("\n")
    buffered = parts.pop() ?? ""
    lines.push(...parts)
    for (const waiter of waiters) waiter()
  })
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
  const waitFor = (match: (line: string) => boolean) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const found = lines.find(match)
        if (found === undefined) return
        waiters.delete(check)
        resolve(found)
      }
      waiters.add(check)
      check()
      void exited.then((code) => {
        waiters.delete(check)
        const found = lines.find(match)
        found === undefined ? reject(new Error(`the child exited (${code}) first`)) : resolve(found)
      })
    })
  return { process: child, lines, waitFor, exited }
}
