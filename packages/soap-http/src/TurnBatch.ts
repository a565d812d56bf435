// `setImmediate` where the runtime has it (Node, Bun): after the turn's I/O callbacks, before its timers.
const afterThisTurn: (run: () => void) => void =
  typeof setImmediate === "function" ? (run) => setImmediate(run) : (run) => setTimeout(run, 0)

/**
 * Work queued during one turn of the event loop, run together, in order, once the turn's I/O callbacks have run,
 * as uWebSockets corks its sockets per turn. Adapters queue each answer's write with it: requests that arrive
 * together are all handled before any answer goes out, so a busy server writes its answers back to back instead of
 * waking the peer once per answer between two requests' work; an idle server answers in the same turn as before.
 * Measured in `BENCHMARKS.md`.
 */
export const makeTurnBatch = (): ((work: () => void) => void) => {
  let queued: Array<() => void> = []
  const flush = () => {
    const works = queued
    queued = []
    for (const work of works) work()
  }
  return (work) => {
    if (queued.push(work) === 1) afterThisTurn(flush)
  }
}
