import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { type CtiAction, CtiActions, CtiAttributes } from "./CtiAttributes.js"
import type { CtiControlError } from "./CtiControlError.js"
import { CtiControlEvent } from "./CtiControlEvent.js"
import { attributeErrorOf, missingAttribute, unknownAction } from "./internal/attributeErrors.js"

const isAction = (value: string): value is CtiAction => (CtiActions as ReadonlyArray<string>).includes(value)

// The union picks the member by `data-cti-action`, so its issues are those of that action's attributes.
const decode = Schema.decodeUnknownEither(CtiControlEvent, { errors: "first" })

const attributeNames = Object.values(CtiAttributes)

/**
 * The CTI control an element is, from its `data-cti-*` attributes, or why it is not a usable one. An empty
 * attribute counts as absent (a page may render an unknown value that way).
 */
export const readCtiControl = (element: Element): Either.Either<CtiControlEvent, CtiControlError> => {
  const action = element.getAttribute(CtiAttributes.action)
  if (action === null || action === "") return Either.left(missingAttribute(CtiAttributes.action, action ?? undefined))
  if (!isAction(action)) return Either.left(unknownAction(action))
  const found: Record<string, string> = {}
  const values: Record<string, string> = {}
  for (const name of attributeNames) {
    // HTML attribute names are case-insensitive: `getAttribute` finds `data-cti-interactionid` too.
    const value = element.getAttribute(name)
    if (value === null) continue
    found[name] = value
    if (value !== "") values[name] = value
  }
  return Either.mapLeft(decode(values), (error) => attributeErrorOf(error, values, found))
}
