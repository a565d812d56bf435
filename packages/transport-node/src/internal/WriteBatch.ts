/**
 * Responses finished during one turn of the event loop, written together once the turn's I/O callbacks have run
 * (`setImmediate`), as uWebSockets corks its sockets per turn. Requests that arrive together are all handled before
 * any answer goes out, so a busy server writes its answers back to back instead of waking the peer once per
 * answer between two requests' work; an idle server answers in the same turn as before. Measured in
 * `BENCHMARKS.md`.
 */
export const makeWriteBatch = (): ((write: () => void) => void) => {
  let queued: Array<() => void> = []
  const flush = () => {
    const writes = queued
    queued = []
    for (const write of writes) write()
  }
  return (write) => {
    if (queued.push(write) === 1) setImmediate(flush)
  }
}
