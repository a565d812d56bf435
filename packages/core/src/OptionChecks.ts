import * as Duration from "effect/Duration"
import * as Option from "effect/Option"

// Options come from code and from configuration files alike: one out of range is refused when it is given, with a
// RangeError naming the option and the value, rather than misbehaving later (a `maxPerSecond` of 0 would never
// let a request start, a `timeoutMs` of -1 would time every request out).

const shown = (value: unknown): string => (typeof value === "string" ? JSON.stringify(value) : String(value))

const refuse = (name: string, expected: string, value: unknown): never => {
  throw new RangeError(`${name} must be ${expected}, got ${shown(value)}`)
}

/** `value` when it is an integer of at least 1; otherwise a RangeError naming `name` and the value. */
export const requirePositiveInteger = (name: string, value: number): number =>
  Number.isInteger(value) && value >= 1 ? value : refuse(name, "a positive integer", value)

/** `value` when it is an integer of at least 0; otherwise a RangeError naming `name` and the value. */
export const requireNonNegativeInteger = (name: string, value: number): number =>
  Number.isInteger(value) && value >= 0 ? value : refuse(name, "a non-negative integer", value)

/** `value` when it is a finite number above 0; otherwise a RangeError naming `name` and the value. */
export const requirePositiveNumber = (name: string, value: number): number =>
  typeof value === "number" && Number.isFinite(value) && value > 0 ? value : refuse(name, "a positive number", value)

/** `value` when it is a finite number of at least 0; otherwise a RangeError naming `name` and the value. */
export const requireNonNegativeNumber = (name: string, value: number): number =>
  typeof value === "number" && Number.isFinite(value) && value >= 0
    ? value
    : refuse(name, "a non-negative number", value)

// Effect reads a negative or NaN duration as zero; an option given one is a mistake.
const negative = (value: unknown): boolean =>
  (typeof value === "number" && !(value >= 0)) || (typeof value === "string" && value.trimStart().startsWith("-"))

/**
 * A duration (milliseconds, `"30 seconds"`, a `Duration`…) in milliseconds, `Infinity` included; otherwise a
 * RangeError naming `name` and the value.
 */
export const requireDurationMillis = (name: string, value: Duration.DurationInput): number =>
  Option.match(negative(value) ? Option.none() : Duration.decodeUnknown(value), {
    onNone: () => refuse(name, 'a duration (milliseconds, or text such as "30 seconds")', value),
    onSome: (duration) => Duration.toMillis(duration),
  })
