import { dirname, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { defineConfig } from "vite"

const here = dirname(fileURLToPath(import.meta.url))

/**
 * The softphone's browser bundle: `src/softphone/main.ts` and its CSS into `dist/softphone/softphone.js` and
 * `softphone.css`, the fixed names the workspace page links (`/assets/…`). The workspace packages are bundled
 * from their sources, so no package build is needed first. No HTML entry, so Vite injects nothing inline (the
 * page's CSP allows only these two files).
 */
export default defineConfig({
  root: here,
  publicDir: false,
  base: "/assets/",
  logLevel: "warn",
  resolve: {
    alias: [
      // A subpath export (`@crmod-cti/outbox/browser`) is `src/<entry>.ts` of its package.
      { find: /^@crmod-cti\/([a-z-]+)\/([a-z-]+)$/, replacement: `${resolve(here, "../../packages")}/$1/src/$2.ts` },
      { find: /^@crmod-cti\/([a-z-]+)$/, replacement: `${resolve(here, "../../packages")}/$1/src/index.ts` },
    ],
  },
  build: {
    outDir: resolve(here, "dist/softphone"),
    emptyOutDir: true,
    target: "es2022",
    minify: true,
    sourcemap: true,
    cssCodeSplit: false,
    modulePreload: false,
    reportCompressedSize: false,
    rollupOptions: {
      input: resolve(here, "src/softphone/main.ts"),
      output: {
        entryFileNames: "softphone.js",
        assetFileNames: "softphone[extname]",
        // One file: the page loads exactly softphone.js.
        inlineDynamicImports: true,
      },
    },
  },
})
