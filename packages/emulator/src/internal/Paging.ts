/** Rows a page of any list holds (`CONTRACT.md` §9). */
export const PageSize = 100

/**
 * Which page of a list: the rows added before the position `before` (a page's `next`), or the newest rows when
 * it is absent.
 */
export interface PageRequest {
  readonly before?: number
}

/** A page of a list, newest first; `next` is there when older rows follow, and asks for them. */
export interface Page<A> {
  readonly rows: ReadonlyArray<A>
  readonly next?: number
}

/** A row with its position in the store's order of writes: later is newer. */
export interface Positioned<A> {
  readonly position: number
  readonly value: A
}

/** Whether `before` can name a position: a whole number of zero or more. */
export const isPosition = (before: number | undefined): boolean =>
  before === undefined || (Number.isSafeInteger(before) && before >= 0)

/**
 * One page of lists that are each newest first and each read `PageSize + 1` rows deep: merged by position, cut
 * at `PageSize`. The extra row of each list tells whether older rows follow.
 */
export const pageOf = <A>(lists: ReadonlyArray<ReadonlyArray<Positioned<A>>>): Page<A> => {
  const merged = lists.length === 1 ? lists[0]! : lists.flat().sort((a, b) => b.position - a.position)
  const shown = merged.slice(0, PageSize)
  const last = shown.at(-1)
  return {
    rows: shown.map((row) => row.value),
    ...(merged.length > PageSize && last !== undefined ? { next: last.position } : {}),
  }
}
