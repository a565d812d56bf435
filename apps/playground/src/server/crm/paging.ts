import type { Page, PageRequest } from "@crmod-cti/emulator"
import * as Either from "effect/Either"

/** One page of a list as the emulator reads it (newest first, at most 100 rows), and whether it is the first. */
export interface Paged<T> extends Page<T> {
  readonly isFirst: boolean
}

/**
 * A list's paging parameter (`before`, `currentBefore`…) as the emulator's page request: absent for the newest
 * rows, otherwise the `next` of the page before, a whole number; the error names the parameter.
 */
export const pageParameter = (parameter: string, value: string | undefined): Either.Either<PageRequest, string> =>
  value === undefined || value === ""
    ? Either.right({})
    : /^[0-9]{1,15}$/.test(value)
      ? Either.right({ before: Number(value) })
      : Either.left(`Invalid value "${value}" for parameter "${parameter}": expected the position of a page.`)

export const paged = <T>(page: Page<T>, request: PageRequest): Paged<T> => ({
  ...page,
  isFirst: request.before === undefined,
})
