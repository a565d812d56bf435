// The one set of fast-check arbitraries of the core's types, so that every property test generates the same values:
// the core's own, and the codec's (`packages/soap-codec/test` imports this folder; soap-codec depends on core, so
// the test dependency follows the packages' and no package depends back on core's tests).
export { anyText } from "./Text.js"
export {
  awkwardInteraction,
  clientName,
  insertResult,
  interaction,
  usernameToken,
  wrapUpInteraction,
  wrapUpResult,
} from "./Models.js"
