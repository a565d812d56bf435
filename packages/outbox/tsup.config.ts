// The build of every library package (see the root tsup.package.ts), with the browser outbox as a second entry:
// `@crmod-cti/outbox/browser`, which imports neither SQLite, PostgreSQL nor any `node:` module.
import base from "../../tsup.package.js"

export default { ...base, entry: ["src/index.ts", "src/browser.ts"] }
