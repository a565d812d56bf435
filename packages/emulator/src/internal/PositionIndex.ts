import type { Positioned } from "./Paging.js"

/** Entries of a list in ascending positions: at most `ChunkSize`, so that removing one moves at most that many. */
interface Chunk {
  readonly ids: Array<string>
  readonly positions: Array<number>
}

interface List {
  readonly chunks: Array<Chunk>
  size: number
}

const ChunkSize = 512

/**
 * Lists of ids under keys, each in the order they were added (by a position that only grows), read from the end:
 * a page is a binary search and a walk back over its rows, whatever the list's length. A list is kept in chunks
 * of at most 512 entries, so that removing an entry (an activity leaving its owner's current list when it is
 * wrapped up, anywhere in the list) costs a binary search and a splice of one chunk, not of the whole list.
 */
export class PositionIndex {
  private readonly lists = new Map<string, List>()

  add(key: string, id: string, position: number): void {
    let list = this.lists.get(key)
    if (list === undefined) {
      list = { chunks: [], size: 0 }
      this.lists.set(key, list)
    }
    let last = list.chunks.at(-1)
    if (last === undefined || last.ids.length >= ChunkSize) {
      last = { ids: [], positions: [] }
      list.chunks.push(last)
    }
    last.ids.push(id)
    last.positions.push(position)
    list.size++
  }

  remove(key: string, id: string, position: number): void {
    const list = this.lists.get(key)
    if (list === undefined) return
    const at = chunkHolding(list.chunks, position)
    const chunk = list.chunks[at]
    if (chunk === undefined) return
    const index = firstAtOrAfter(chunk.positions, position)
    if (chunk.ids[index] !== id) return
    chunk.ids.splice(index, 1)
    chunk.positions.splice(index, 1)
    list.size--
    if (chunk.ids.length === 0) list.chunks.splice(at, 1)
  }

  /** Up to `limit` ids added before the position `before` (or the newest), newest first. */
  newest(key: string, before: number | undefined, limit: number): Array<Positioned<string>> {
    const found: Array<Positioned<string>> = []
    const chunks = this.lists.get(key)?.chunks ?? []
    // Start in the chunk holding `before`, at its first entry not before it; else after the last entry.
    let at = before === undefined ? chunks.length : chunkHolding(chunks, before)
    let end = at < chunks.length ? firstAtOrAfter(chunks[at]!.positions, before!) : 0
    if (at === chunks.length) {
      at--
      end = chunks[at]?.ids.length ?? 0
    }
    while (at >= 0 && found.length < limit) {
      const chunk = chunks[at]!
      for (let index = end - 1; index >= 0 && found.length < limit; index--) {
        found.push({ position: chunk.positions[index]!, value: chunk.ids[index]! })
      }
      at--
      end = chunks[at]?.ids.length ?? 0
    }
    return found
  }

  size(key: string): number {
    return this.lists.get(key)?.size ?? 0
  }
}

/** The first chunk whose last position is at or after `position` (the number of chunks if none). */
const chunkHolding = (chunks: ReadonlyArray<Chunk>, position: number): number => {
  let low = 0
  let high = chunks.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (chunks[middle]!.positions.at(-1)! < position) low = middle + 1
    else high = middle
  }
  return low
}

/** The index of the first position at or after `position` in an ascending array (its length if none). */
const firstAtOrAfter = (positions: ReadonlyArray<number>, position: number): number => {
  let low = 0
  let high = positions.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (positions[middle]! < position) low = middle + 1
    else high = middle
  }
  return low
}
