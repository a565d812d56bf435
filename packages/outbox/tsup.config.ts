// One build for every library package: see the root tsup.package.ts.
export { default } from "../../tsup.package.js"
