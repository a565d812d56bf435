/**
 * The one factor by which every time budget of the test suite is multiplied: `CTI_TEST_TIMEOUT_SCALE`, 1 when unset
 * (e.g. `CTI_TEST_TIMEOUT_SCALE=3` on a slow or busy machine). A budget only catches a test that hangs: no test may
 * depend on finishing within one, so a larger factor never changes a result, only how long a hang takes to fail.
 * The root `vitest.config.ts` scales `testTimeout` and `hookTimeout` with it; tests scale their own with `scaled`.
 */
export const timeoutScale = (value: string | undefined = process.env.CTI_TEST_TIMEOUT_SCALE): number => {
  if (value === undefined || value.trim() === "") return 1
  const scale = Number(value)
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new RangeError(`CTI_TEST_TIMEOUT_SCALE must be a positive number, got "${value}"`)
  }
  return scale
}

/** A time budget of a test, in ms, multiplied by `CTI_TEST_TIMEOUT_SCALE`. */
export const scaled = (ms: number): number => Math.ceil(ms * timeoutScale())
