/**
 * The seed of every fast-check property in the suite: `CTI_PROPERTY_SEED`, a fixed one when unset, so the suite draws
 * the same values on every run and CI cannot fail on a draw nobody saw before. `CTI_PROPERTY_SEED=random` lets
 * fast-check pick a new seed each run, to explore; a failure prints its seed, and that seed replays it.
 */
export const DefaultPropertySeed = 20_261_203

export const propertySeed = (value: string | undefined = process.env.CTI_PROPERTY_SEED): number | undefined => {
  if (value === undefined || value.trim() === "") return DefaultPropertySeed
  if (value.trim() === "random") return undefined
  const seed = Number(value)
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`CTI_PROPERTY_SEED must be an integer or "random", got "${value}"`)
  }
  return seed
}
