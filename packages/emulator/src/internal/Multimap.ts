/**
 * Index from a key to the ids filed under it, in the order they were added. A key with one id (the usual case:
 * an activity identity, a phone number) holds the bare string, which keeps a million-entry index small.
 */
export class Multimap {
  private readonly entries = new Map<string, string | Array<string>>()

  add(key: string, id: string): void {
    const current = this.entries.get(key)
    if (current === undefined) this.entries.set(key, id)
    else if (typeof current === "string") this.entries.set(key, [current, id])
    else current.push(id)
  }

  get(key: string): ReadonlyArray<string> {
    const current = this.entries.get(key)
    return current === undefined ? [] : typeof current === "string" ? [current] : current
  }
}
