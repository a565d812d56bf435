import * as Either from "effect/Either"

/** Rows a list shows at most on one page (`CONTRACT.md` §9). */
export const PageSize = 100

/** One page of a list, newest first; `next` asks for the older rows that follow, when there are any. */
export interface Paged<T> {
  readonly rows: ReadonlyArray<T>
  readonly next?: number
  /** Whether this is the page of the newest rows. */
  readonly isFirst: boolean
}

/**
 * A list's paging parameter (`before`, `currentBefore`…): absent for the newest rows, otherwise the `next` of the
 * page before, a whole number of zero or more; the error names the parameter.
 */
export const pageParameter = (
  parameter: string,
  value: string | undefined,
): Either.Either<number | undefined, string> =>
  value === undefined || value === ""
    ? Either.right(undefined)
    : /^[0-9]{1,15}$/.test(value)
      ? Either.right(Number(value))
      : Either.left(`Invalid value "${value}" for parameter "${parameter}": expected the position of a page.`)

/**
 * The page after `before` of a list that the emulator hands over newest first, at most `limit` rows deep.
 * `before` counts the rows of the pages before.
 */
export const pageOf = <T>(before: number | undefined, newestFirst: (limit: number) => ReadonlyArray<T>): Paged<T> => {
  const start = before ?? 0
  const rows = newestFirst(start + PageSize + 1)
  return {
    rows: rows.slice(start, start + PageSize),
    ...(rows.length > start + PageSize ? { next: start + PageSize } : {}),
    isFirst: before === undefined,
  }
}
