/**
 * Collects a request body chunk by chunk up to a byte limit, so that a server adapter stops reading as soon as the
 * body passes it (`CONTRACT.md` §6: the size limit is checked before the body is read whole).
 */
export interface BodyCollector {
  /** Adds a chunk; `false` once the body is over the limit (the chunk is then dropped, and so is everything after). */
  readonly add: (chunk: Uint8Array) => boolean
  /** The body collected so far, as one array. */
  readonly bytes: () => Uint8Array
}

export const makeBodyCollector = (maxBytes: number): BodyCollector => {
  const chunks: Array<Uint8Array> = []
  let size = 0
  return {
    add: (chunk) => {
      size += chunk.byteLength
      if (size > maxBytes) return false
      chunks.push(chunk)
      return true
    },
    bytes: () => {
      if (chunks.length === 1) return chunks[0]!
      const body = new Uint8Array(Math.min(size, maxBytes))
      let offset = 0
      for (const chunk of chunks) {
        body.set(chunk, offset)
        offset += chunk.byteLength
      }
      return body.subarray(0, offset)
    },
  }
}
