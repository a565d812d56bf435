import * as Context from "effect/Context"
import * as Layer from "effect/Layer"
import { formatRecordId } from "./RecordId.js"

export interface IdGeneratorShape {
  /**
   * A new record id in the chapter's style (`1QA2-…`). The emulator skips any id already in use. Synchronous: the
   * emulator calls it inside a request's check-and-write, which must not yield (see `EmulatorStoreShape`).
   */
  readonly next: () => string
}

/**
 * Where new record and activity ids come from. The default counts up from `1QA2-S78VL` (the chapter's first
 * sample activity id), above every demo tenant id; tests can inject their own for deterministic ids.
 */
export class IdGenerator extends Context.Tag("@crmod-cti/emulator/IdGenerator")<IdGenerator, IdGeneratorShape>() {
  /** A fresh counter-based generator for each use of the layer. */
  static readonly Default: Layer.Layer<IdGenerator> = Layer.sync(IdGenerator, () => makeSequentialIdGenerator())
  /** A counter-based generator starting at `start` (as a number, so `1QA2-` + `start` in base 36). */
  static readonly sequential = (start: number): Layer.Layer<IdGenerator> =>
    Layer.sync(IdGenerator, () => makeSequentialIdGenerator(start))
}

/** `1QA2-S78VL`: first id the default generator hands out. */
export const DefaultFirstId = Number.parseInt("S78VL", 36)

export const makeSequentialIdGenerator = (start: number = DefaultFirstId): IdGeneratorShape => {
  if (!Number.isSafeInteger(start) || start < 0) {
    throw new RangeError(`an id generator starts at a non-negative integer, got ${start}`)
  }
  let counter = start
  return { next: () => formatRecordId(counter++) }
}
