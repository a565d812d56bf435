import { fileURLToPath } from "node:url"

// This module sits two levels below the app's root both as a source (`src/server/appPaths.ts`) and bundled
// (`dist/server/main.js`), so one relative URL finds the root in tests, in development and in production.
const appRoot = new URL("../../", import.meta.url)

/** The CRM pages' stylesheet and scripts, served at `/static/…`. */
export const defaultStaticDir = fileURLToPath(new URL("static/", appRoot))

/** The softphone's Vite build (`softphone.js`, `softphone.css`), served at `/assets/…`. */
export const defaultSoftphoneDir = fileURLToPath(new URL("dist/softphone/", appRoot))
