import * as Either from "effect/Either"

/** Rows a list shows at most on one page (`CONTRACT.md` §9). */
export const PageSize = 100

/** The largest page number a link can name: 10⁶ pages of 100 rows, far beyond any list the emulator holds. */
const MaxPage = 1_000_000

/** One page of a list, newest first, and whether there are pages before and after it. */
export interface Paged<T> {
  readonly rows: ReadonlyArray<T>
  /** 1 for the newest rows. */
  readonly page: number
  readonly hasNewer: boolean
  readonly hasOlder: boolean
}

/** A page parameter (`page`, `completedPage`…): absent is 1, otherwise a whole number from 1; the error names it. */
export const pageNumber = (parameter: string, value: string | undefined): Either.Either<number, string> => {
  if (value === undefined || value === "") return Either.right(1)
  const page = Number(value)
  return /^[0-9]{1,7}$/.test(value) && page >= 1 && page <= MaxPage
    ? Either.right(page)
    : Either.left(`Invalid value "${value}" for parameter "${parameter}": expected a page number from 1 to ${MaxPage}.`)
}

/**
 * The rows of page `page` of the newest `(page × PageSize) + 1` rows, as a query that stops there hands them over
 * (`newestFirst` asks for at most `limit` rows, newest first).
 */
export const pageOf = <T>(page: number, newestFirst: (limit: number) => ReadonlyArray<T>): Paged<T> => {
  const start = (page - 1) * PageSize
  const rows = newestFirst(start + PageSize + 1)
  return {
    rows: rows.slice(start, start + PageSize),
    page,
    hasNewer: page > 1,
    hasOlder: rows.length > start + PageSize,
  }
}
