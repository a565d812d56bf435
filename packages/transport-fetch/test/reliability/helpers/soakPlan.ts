import {
  type ActivityIdentity,
  type ChannelType,
  type FaultReason,
  Faults,
  type Interaction,
  type UsernameToken,
  type WrapUpInteraction,
} from "@crmod-cti/core"
import { encodeInsertRequest, encodeWrapUpRequest } from "@crmod-cti/soap-codec"
import { DefaultMaxRequestKb } from "@crmod-cti/emulator-http"
import { callAgent, mosDef } from "./demoService.js"

/** What a request of the soak must be answered with. */
export type Expected =
  | { readonly _tag: "Inserted"; readonly interactions: ReadonlyArray<Interaction> }
  | {
      readonly _tag: "WrappedUp"
      readonly interactions: ReadonlyArray<WrapUpInteraction>
      /** Identities that no request ever inserts: `Activity not found`. */
      readonly ghosts: ReadonlySet<string>
    }
  | {
      readonly _tag: "Fault"
      readonly reason: FaultReason
      readonly message: string | RegExp
      /** Identities in the refused request: a fault creates nothing (`CONTRACT.md` §4). */
      readonly neverCreated: ReadonlyArray<ActivityIdentity>
    }

export interface SoakRequest {
  /** For the tally of what was sent. */
  readonly kind: string
  readonly body: string | Buffer
  readonly chunked: boolean
  readonly expected: Expected
}

export const identityOf = (identity: ActivityIdentity): string => `${identity.InteractionId}@${identity.AgentOfferTime}`

/** mulberry32: a small seeded generator, so that a failing soak can be replayed request for request. */
const seeded = (seed: number) => {
  let state = seed >>> 0
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Channels the demo's `OKP/mos.def` may log, one of each activity type. */
const MosDefChannels: ReadonlyArray<ChannelType> = [
  "Inbound Call",
  "Outbound Call",
  "Callback",
  "Inbound Chat",
  "Inbound Email",
  "Inbound Voicemail",
]

const wrongPassword: UsernameToken = { username: mosDef.username, password: `${mosDef.password}-wrong` }

/** Replaces the text of the first `<data:name>` element of an encoded request (a value the types would refuse). */
const withElement = (body: string, name: string, value: string): string =>
  body.replace(new RegExp(`<data:${name}>[^<]*</data:${name}>`), `<data:${name}>${value}</data:${name}>`)

const insertBody = (interactions: ReadonlyArray<Interaction>, security: UsernameToken = mosDef) =>
  encodeInsertRequest(interactions, { security })

const nestedElements = "<a>".repeat(10_000)

/** Request kinds and their weights (out of 100). */
const Weights = [
  ["new identities", 40],
  ["repeats", 14],
  ["wrap-ups", 15],
  ["bad password", 1],
  ["invalid value", 6],
  ["access denied", 6],
  ["DOCTYPE", 4],
  ["deep nesting", 4],
  ["truncated XML", 4],
  ["empty body", 4],
  ["oversized body", 1],
  ["oversized chunked body", 1],
] as const

type Kind = (typeof Weights)[number][0]

/**
 * A reproducible mixed load of `requests` requests for `OKP/mos.def` (and `OKP/call.agent` for the access
 * denials). Interaction ids start with `prefix`; repeats and wrap-ups pick identities planned earlier, which under
 * concurrency may not have been inserted yet when they arrive.
 */
export const soakPlan = (options: {
  readonly requests: number
  readonly seed: number
  readonly prefix: string
}): ReadonlyArray<SoakRequest> => {
  const random = seeded(options.seed)
  const below = (n: number) => Math.floor(random() * n)
  const pick = <A>(items: ReadonlyArray<A>): A => items[below(items.length)]!
  let counter = 0
  const planned: Array<Interaction> = []
  const fresh = (channel: ChannelType = pick(MosDefChannels)): Interaction => {
    counter += 1
    return {
      InteractionId: `${options.prefix}-${counter}`,
      AgentOfferTime: 1_700_000_000 + below(100_000),
      ChannelType: channel,
    }
  }
  const some = (most: number, make: () => Interaction) => Array.from({ length: 1 + below(most) }, make)
  const fault = (
    reason: FaultReason,
    message: string | RegExp,
    neverCreated: ReadonlyArray<ActivityIdentity>,
  ): Expected => ({ _tag: "Fault", reason, message, neverCreated })

  const oversizedIdentity = fresh("Inbound Call")
  const oversized = Buffer.from(
    withElement(
      insertBody([{ ...oversizedIdentity, Queue: "q" }]),
      "Queue",
      "x".repeat(DefaultMaxRequestKb * 1024 + 1),
    ),
  )
  const tooLarge = Faults.requestTooLarge(DefaultMaxRequestKb).message

  const make = (kind: Kind): Omit<SoakRequest, "kind" | "chunked"> & { readonly chunked?: boolean } => {
    switch (kind) {
      case "new identities": {
        const interactions = some(5, () => fresh())
        // Now and then an earlier InteractionId at another offer time: another identity.
        if (planned.length > 0 && below(10) === 0) {
          interactions[0] = { ...interactions[0]!, InteractionId: pick(planned).InteractionId }
        }
        planned.push(...interactions)
        return { body: insertBody(interactions), expected: { _tag: "Inserted", interactions } }
      }
      case "repeats": {
        const interactions = some(4, () => (planned.length === 0 ? fresh() : pick(planned)))
        // Half of them repeat an identity inside the request itself.
        if (below(2) === 0) interactions.push(interactions[0]!)
        planned.push(...interactions)
        return { body: insertBody(interactions), expected: { _tag: "Inserted", interactions } }
      }
      case "wrap-ups": {
        const interactions: Array<WrapUpInteraction> = some(3, () => (planned.length === 0 ? fresh() : pick(planned)))
        const ghost = below(4) === 0 ? fresh() : undefined
        if (ghost !== undefined) interactions.push(ghost)
        const wrapUps = interactions.map(({ InteractionId, AgentOfferTime, ChannelType }) => ({
          InteractionId,
          AgentOfferTime,
          ChannelType,
        }))
        return {
          body: encodeWrapUpRequest(wrapUps, { security: mosDef }),
          expected: {
            _tag: "WrappedUp",
            interactions: wrapUps,
            ghosts: new Set(ghost === undefined ? [] : [identityOf(ghost)]),
          },
        }
      }
      case "bad password": {
        const interactions = some(2, () => fresh())
        return {
          body: insertBody(interactions, wrongPassword),
          expected: fault("AuthenticationFailed", Faults.authenticationFailed().message, interactions),
        }
      }
      case "invalid value": {
        // An invalid interaction beside a valid one: the whole request is refused.
        const interactions = [fresh(), fresh()]
        const [element, value] = pick([
          ["ChannelType", "Telepathy"],
          ["AgentOfferTime", "yesterday"],
        ] as const)
        return {
          body: withElement(insertBody(interactions), element, value),
          expected: fault("InvalidValue", Faults.invalidValue(value, element).message, interactions),
        }
      }
      case "access denied": {
        // `OKP/call.agent` has Access Call Communications only: a chat beside a call is refused whole.
        const interactions = [fresh("Inbound Call"), fresh("Inbound Chat")]
        return {
          body: insertBody(interactions, callAgent),
          expected: fault("AccessDenied", Faults.accessDenied().message, interactions),
        }
      }
      case "DOCTYPE": {
        const interactions = [fresh()]
        return {
          body: `<!DOCTYPE lolz [<!ENTITY lol "lol">]>${insertBody(interactions)}`,
          expected: fault("MalformedRequest", /DOCTYPE/, interactions),
        }
      }
      case "deep nesting":
        return { body: nestedElements, expected: fault("MalformedRequest", /^The request nests elements/, []) }
      case "truncated XML": {
        const interactions = [fresh()]
        const body = insertBody(interactions)
        return {
          body: body.slice(0, 1 + below(body.length - 1)),
          expected: fault("MalformedRequest", /not well-formed XML/, interactions),
        }
      }
      case "empty body":
        return { body: "", expected: fault("MalformedRequest", /is empty/, []) }
      case "oversized body":
        return { body: oversized, expected: fault("RequestTooLarge", tooLarge, [oversizedIdentity]) }
      case "oversized chunked body":
        return { body: oversized, chunked: true, expected: fault("RequestTooLarge", tooLarge, [oversizedIdentity]) }
    }
  }

  const kindAt = (roll: number): Kind => {
    let left = roll
    for (const [kind, weight] of Weights) {
      if (left < weight) return kind
      left -= weight
    }
    return "new identities"
  }
  return Array.from({ length: options.requests }, () => {
    const kind = kindAt(below(100))
    const { chunked = false, ...request } = make(kind)
    return { kind, chunked, ...request }
  })
}
