import { defineConfig } from "tsup"

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: { compilerOptions: { paths: {} } },
  sourcemap: true,
  clean: true,
  target: "es2022",
})
