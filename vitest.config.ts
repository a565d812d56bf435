import { readdirSync, existsSync } from "node:fs"
import { availableParallelism } from "node:os"
import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"
import { timeoutScale } from "./packages/testing/src/internal/TimeoutScale.js"

const root = fileURLToPath(new URL(".", import.meta.url))

// Tests run against the sources: every `@crmod-cti/<name>` import resolves to `packages/<name>/src/index.ts`, a
// subpath export `@crmod-cti/<name>/<entry>` to `packages/<name>/src/<entry>.ts`.
const alias = [
  { find: /^@crmod-cti\/([a-z-]+)$/, replacement: `${root}packages/$1/src/index.ts` },
  { find: /^@crmod-cti\/([a-z-]+)\/([a-z-]+)$/, replacement: `${root}packages/$1/src/$2.ts` },
]

const workspaces = ["packages", "apps"].flatMap((dir) =>
  existsSync(`${root}${dir}`)
    ? readdirSync(`${root}${dir}`)
        .filter((name) => existsSync(`${root}${dir}/${name}/test`))
        .map((name) => ({ dir, name }))
    : [],
)

// Budgets catch hangs; no test races them. `CTI_TEST_TIMEOUT_SCALE` multiplies them all (see packages/testing).
const scale = timeoutScale()

export default defineConfig({
  resolve: { alias },
  test: {
    // One module graph per worker, not one per test file: importing Effect and the packages again for each of ~100
    // files was two thirds of the suite's CPU time (337 s → 121 s). Tests share no module state they depend on
    // (every server, emulator and client is made per test or per file); one that needs a fresh graph may set
    // `isolate: true` in a project of its own.
    isolate: false,
    // Most of the suite's time is waiting (servers, timers, child processes), so two files at a time even on 2 cores
    // (vitest's default there is one): 2:57 → 1:52 for the same CPU time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 10_000 * scale,
    // Every fast-check property draws from one seed, fixed unless `CTI_PROPERTY_SEED` says otherwise.
    setupFiles: [`${root}vitest.setup.ts`],
    hookTimeout: 30_000 * scale,
    projects: [
      ...workspaces.map(({ dir, name }) => ({
        extends: true,
        test: {
          name,
          root: `${root}${dir}/${name}`,
          include: ["test/**/*.test.ts"],
          benchmark: { include: ["bench/**/*.bench.ts"] },
        },
      })),
      // The repository's own scripts (`pnpm lint`'s dependency check).
      { extends: true, test: { name: "scripts", root: `${root}scripts`, include: ["test/**/*.test.mjs"] } },
    ],
    coverage: {
      provider: "v8",
      include: ["packages/*/src/**/*.ts", "apps/*/src/**/*.ts"],
      // Browser code runs in Chromium (the playground's end-to-end tests, the browser outbox's tests), where Node's V8
      // coverage cannot see it; `main.ts` only starts the server that the tests start through `startPlayground`.
      // `packages/testing` is test support (shared arbitraries), not product: measuring it would only measure the tests.
      exclude: [
        "apps/playground/src/softphone/**",
        "apps/playground/src/main.ts",
        "packages/outbox/src/browser.ts",
        "packages/outbox/src/internal/IndexedDbStore.ts",
        "packages/testing/**",
      ],
      reporter: ["text-summary", "json-summary"],
    },
  },
})
