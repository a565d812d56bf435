/**
 * `Priority` is a configurable LOV: the chapter's defaults can be changed per company, and values outside the
 * configured list are ignored rather than rejected.
 */
export const DefaultPriorities: ReadonlyArray<string> = ["1-High", "2-Medium", "3-Low"]

/** The priority to store: the value when it is in the configured list, otherwise none. */
export const acceptedPriority = (priorities: ReadonlyArray<string>, value: string | undefined): string | undefined =>
  value !== undefined && priorities.includes(value) ? value : undefined
