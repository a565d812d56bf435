import { type CtiFault, Faults, type RawInteraction } from "@crmod-cti/core"
import * as Either from "effect/Either"
import { CtiDataNamespace } from "../Namespaces.js"
import { bounded, MaxQuotedName } from "./Bounded.js"
import { isElement, qualifiedName, type XmlElement } from "./XmlTree.js"

const unexpected = (element: XmlElement, inside: XmlElement): CtiFault =>
  Faults.unexpectedElement(qualifiedName(element), bounded(inside.localName))

const repeated = (element: XmlElement): CtiFault => Faults.repeatedElement(bounded(element.localName))

/**
 * One `Interaction` as element name → text, for the core's validators. The record has no prototype, so element
 * names such as `__proto__` or `constructor` are plain keys that the validator reports as unexpected.
 */
const readRawInteraction = (interaction: XmlElement): Either.Either<RawInteraction, CtiFault> => {
  const raw: Record<string, string> = Object.create(null)
  for (const field of interaction.children) {
    // No field has a long name; refusing one here keeps the core's fault from quoting all of it.
    if (field.namespace !== CtiDataNamespace || field.localName.length > MaxQuotedName) {
      return Either.left(unexpected(field, interaction))
    }
    const nested = field.children[0]
    if (nested !== undefined) return Either.left(unexpected(nested, field))
    if (field.localName in raw) return Either.left(repeated(field))
    raw[field.localName] = field.text
  }
  return Either.right(raw)
}

/**
 * The raw interactions of an operation's input element (`undefined` when `ListOfInteraction` is absent, which
 * the core's validators report). Anything but the data namespace's `ListOfInteraction/Interaction` is refused.
 */
export const readRawInteractions = (
  input: XmlElement,
): Either.Either<ReadonlyArray<RawInteraction> | undefined, CtiFault> => {
  let list: XmlElement | undefined
  for (const child of input.children) {
    if (!isElement(child, CtiDataNamespace, "ListOfInteraction")) return Either.left(unexpected(child, input))
    if (list !== undefined) return Either.left(repeated(child))
    list = child
  }
  if (list === undefined) return Either.right(undefined)
  const interactions: Array<RawInteraction> = []
  for (const child of list.children) {
    if (!isElement(child, CtiDataNamespace, "Interaction")) return Either.left(unexpected(child, list))
    const raw = readRawInteraction(child)
    if (Either.isLeft(raw)) return Either.left(raw.left)
    interactions.push(raw.right)
  }
  return Either.right(interactions)
}
