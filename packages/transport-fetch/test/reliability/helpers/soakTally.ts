import { type ActivityIdentity, CtiFault } from "@crmod-cti/core"
import { decodeInsertResponse, decodeWrapUpResponse } from "@crmod-cti/soap-codec"
import { Either } from "effect"
import type { Answer } from "./rawHttp.js"
import { type Expected, identityOf, type SoakRequest } from "./soakPlan.js"

/** A request's answer, or the error that stood in for it. */
export type Outcome = Answer | Error

export interface SoakTally {
  /** Every way an answer differed from what its request must get, one line each. */
  readonly problems: ReadonlyArray<string>
  /** The identities of the inserts that were answered, by `identityOf`. */
  readonly inserted: ReadonlyMap<string, ActivityIdentity>
  readonly oks: number
  readonly oksByIdentity: ReadonlyMap<string, number>
  /** Every `ActivityId` answered for an identity, `OK` or `Activity already exists`. */
  readonly activityIdsByIdentity: ReadonlyMap<string, ReadonlySet<string>>
  readonly wrapUpOksByIdentity: ReadonlyMap<string, number>
  /** Identities of requests refused with a fault. */
  readonly refused: ReadonlyArray<ActivityIdentity>
  readonly kinds: ReadonlyMap<string, number>
}

const SoapContentType = "text/xml; charset=utf-8"

const increment = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1)

/** Checks each answer against its request's expectation and tallies what the answers say about each identity. */
export const tallySoak = (plan: ReadonlyArray<SoakRequest>, outcomes: ReadonlyArray<Outcome>): SoakTally => {
  const problems: Array<string> = []
  const inserted = new Map<string, ActivityIdentity>()
  const oksByIdentity = new Map<string, number>()
  const activityIdsByIdentity = new Map<string, Set<string>>()
  const wrapUpOksByIdentity = new Map<string, number>()
  const refused: Array<ActivityIdentity> = []
  const kinds = new Map<string, number>()
  let oks = 0

  const check = (expected: Expected, answer: Answer): string | undefined => {
    if (answer.contentType !== SoapContentType) return `content-type ${answer.contentType}`
    switch (expected._tag) {
      case "Inserted": {
        if (answer.status !== 200) return `HTTP ${answer.status}: ${answer.body.slice(0, 200)}`
        const decoded = decodeInsertResponse(answer.body)
        if (Either.isLeft(decoded)) return `undecodable insert response: ${decoded.left.message}`
        const results = decoded.right
        if (results.length !== expected.interactions.length) return `${results.length} results`
        for (const [i, result] of results.entries()) {
          const key = identityOf(expected.interactions[i]!)
          if (identityOf(result) !== key) return `result ${i} is for ${identityOf(result)}, not ${key}`
          if (result.Status !== "OK" && result.Status !== "Activity already exists") return `status ${result.Status}`
          if (result.ActivityId === undefined) return `no ActivityId for ${key}`
          inserted.set(key, expected.interactions[i]!)
          if (result.Status === "OK") {
            oks += 1
            increment(oksByIdentity, key)
          }
          const ids = activityIdsByIdentity.get(key) ?? new Set<string>()
          activityIdsByIdentity.set(key, ids.add(result.ActivityId))
        }
        return undefined
      }
      case "WrappedUp": {
        if (answer.status !== 200) return `HTTP ${answer.status}: ${answer.body.slice(0, 200)}`
        const decoded = decodeWrapUpResponse(answer.body)
        if (Either.isLeft(decoded)) return `undecodable wrap-up response: ${decoded.left.message}`
        const results = decoded.right
        if (results.length !== expected.interactions.length) return `${results.length} results`
        for (const [i, result] of results.entries()) {
          const key = identityOf(expected.interactions[i]!)
          if (identityOf(result) !== key) return `result ${i} is for ${identityOf(result)}, not ${key}`
          // A wrap-up may overtake the insert of its identity, which is still in flight on another connection.
          const allowed = expected.ghosts.has(key)
            ? ["Activity not found"]
            : ["OK", "Activity has already been wrapped up", "Activity not found"]
          if (!allowed.includes(result.Status)) return `wrap-up status ${result.Status} for ${key}`
          if (result.Status === "OK") increment(wrapUpOksByIdentity, key)
        }
        return undefined
      }
      case "Fault": {
        refused.push(...expected.neverCreated)
        if (answer.status !== 500) return `HTTP ${answer.status} for a fault: ${answer.body.slice(0, 200)}`
        const decoded = decodeInsertResponse(answer.body)
        if (Either.isRight(decoded) || !(decoded.left instanceof CtiFault)) {
          return `not a decodable fault: ${answer.body.slice(0, 200)}`
        }
        const fault = decoded.left
        const messageMatches =
          typeof expected.message === "string"
            ? fault.message === expected.message
            : expected.message.test(fault.message)
        if (fault.reason !== expected.reason || !messageMatches) return `fault ${fault.reason}: ${fault.message}`
        return undefined
      }
    }
  }

  for (const [index, request] of plan.entries()) {
    increment(kinds, request.kind)
    const outcome = outcomes[index]!
    const problem = outcome instanceof Error ? `no answer: ${outcome.message}` : check(request.expected, outcome)
    if (problem !== undefined) problems.push(`request ${index} (${request.kind}): ${problem}`)
  }
  return { problems, inserted, oks, oksByIdentity, activityIdsByIdentity, wrapUpOksByIdentity, refused, kinds }
}
