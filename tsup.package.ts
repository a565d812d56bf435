import { defineConfig } from "tsup"

/**
 * The build of every library package: ESM + CJS + `.d.ts` from `src/index.ts`. Dependencies stay external (tsup's
 * default), and the declarations resolve other workspace packages through their built `dist` (no `paths`), so a
 * package's types never inline another's.
 */
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: { compilerOptions: { paths: {} } },
  sourcemap: true,
  clean: true,
  target: "es2022",
})
