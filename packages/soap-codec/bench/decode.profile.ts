// The chapter's insert request decoded in a loop: `node scripts/cpu-profile.mjs packages/soap-codec/bench/decode.profile.ts`.
import { readFileSync } from "node:fs"
import { decodeRequest } from "../src/index.js"

const insertRequest = readFileSync(new URL("../test/fixtures/insert-request.xml", import.meta.url), "utf8")
for (let i = 0; i < 30_000; i++) decodeRequest(insertRequest)
