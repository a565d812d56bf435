import type { Positioned } from "./Paging.js"

interface Entries {
  readonly ids: Array<string>
  /** Ascending: entries are appended in the order of writes. */
  readonly positions: Array<number>
}

/**
 * Lists of ids under keys, each in the order they were added (by a position that only grows), read from the end:
 * a page is a binary search and a slice, whatever the list's length. Removing an entry (an activity leaving the
 * current list when it is wrapped up) is a binary search and a splice.
 */
export class PositionIndex {
  private readonly lists = new Map<string, Entries>()

  add(key: string, id: string, position: number): void {
    const entries = this.lists.get(key)
    if (entries === undefined) this.lists.set(key, { ids: [id], positions: [position] })
    else {
      entries.ids.push(id)
      entries.positions.push(position)
    }
  }

  remove(key: string, id: string, position: number): void {
    const entries = this.lists.get(key)
    if (entries === undefined) return
    const at = firstAtOrAfter(entries.positions, position)
    if (entries.ids[at] !== id) return
    entries.ids.splice(at, 1)
    entries.positions.splice(at, 1)
  }

  /** Up to `limit` ids added before the position `before` (or the newest), newest first. */
  newest(key: string, before: number | undefined, limit: number): Array<Positioned<string>> {
    const entries = this.lists.get(key)
    if (entries === undefined) return []
    const end = before === undefined ? entries.ids.length : firstAtOrAfter(entries.positions, before)
    const found: Array<Positioned<string>> = []
    for (let at = end - 1; at >= 0 && found.length < limit; at--) {
      found.push({ position: entries.positions[at]!, value: entries.ids[at]! })
    }
    return found
  }

  size(key: string): number {
    return this.lists.get(key)?.ids.length ?? 0
  }
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
