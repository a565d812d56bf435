import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"

type Collect = () => void

const exposedGc = (): Collect | undefined => (globalThis as { gc?: Collect }).gc

/**
 * A full garbage collection. Vitest's workers are not started with `--expose-gc`, so when `global.gc` is missing
 * the flag is turned on in the running process and a fresh context picks the function up (what V8 documents for
 * `setFlagsFromString`; the `expose-gc` package does the same).
 */
const collector = (): Collect => {
  const exposed = exposedGc()
  if (exposed !== undefined) return exposed
  setFlagsFromString("--expose-gc")
  return runInNewContext("gc") as Collect
}

/** The heap in use once everything unreachable is gone: collected twice, so that finalised objects go too. */
export const settledHeapUsed = (): number => {
  const collect = collector()
  collect()
  collect()
  return process.memoryUsage().heapUsed
}
