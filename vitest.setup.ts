import fc from "fast-check"
import { propertySeed } from "./packages/testing/src/internal/PropertySeed.js"

// One seed for every property of the suite (see PropertySeed.ts): the same draws on every run unless asked otherwise.
const seed = propertySeed()
if (seed !== undefined) fc.configureGlobal({ seed })
