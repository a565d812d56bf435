import { defineConfig } from "tsup"

/**
 * The server as one file, `dist/server/main.js`. The workspace packages are bundled from their sources (esbuild
 * follows the `paths` of `tsconfig.base.json`), and so are the third-party packages they use: pnpm links a
 * package's dependencies for that package only, so a dependency of a workspace package that the app does not declare
 * itself could not be found from the app's `dist/`. Only Node's built-in modules stay outside.
 */
export default defineConfig({
  entry: { main: "src/main.ts" },
  outDir: "dist/server",
  format: ["esm"],
  platform: "node",
  target: "node20",
  tsconfig: "tsconfig.json",
  noExternal: [/.*/],
  sourcemap: true,
  // Only `dist/server`: `dist/softphone` is Vite's.
  clean: true,
  splitting: false,
})
