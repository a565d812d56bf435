import { describe, expect, it } from "vitest"
import { makeSessionStore } from "../../src/server/session/SessionStore.js"
import { sameToken } from "../../src/server/session/token.js"

const clock = () => {
  let now = 0
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

describe("Sessions end after a time unused, and their number is bounded", () => {
  it("keeps a session alive while it is used", () => {
    const time = clock()
    const sessions = makeSessionStore({ idleMs: 1000, now: time.now })
    const session = sessions.create("OKP/mos.def")
    for (let step = 0; step < 5; step++) {
      time.advance(900)
      expect(sessions.get(session.id)).toEqual(session)
    }
  })

  it("ends a session unused for longer than the idle time", () => {
    const time = clock()
    const sessions = makeSessionStore({ idleMs: 1000, now: time.now })
    const session = sessions.create("OKP/mos.def")
    time.advance(1001)
    expect(sessions.get(session.id)).toBeUndefined()
  })

  it("ends a user's oldest session beyond the user's cap, never another user's (CONTRACT §9)", () => {
    const sessions = makeSessionStore({ maxPerUser: 20 })
    const other = sessions.create("OKP/call.agent")
    const own = Array.from({ length: 20 }, () => sessions.create("OKP/mos.def"))
    // The oldest is used again: still the oldest by creation, it is the one that ends.
    sessions.get(own[0]?.id)
    const newest = sessions.create("OKP/mos.def")
    expect(sessions.get(own[0]?.id)).toBeUndefined()
    for (const session of [...own.slice(1), newest]) expect(sessions.get(session.id)).toEqual(session)
    // Thousands more of one user leave the other user signed in.
    for (let count = 0; count < 2_000; count++) sessions.create("OKP/mos.def")
    expect(sessions.get(other.id)).toEqual(other)
  })

  it("caps the sessions before sign-in in all, the oldest ending first, and keeps a live one", () => {
    const sessions = makeSessionStore({ maxPending: 3 })
    const signedIn = sessions.create("OKP/mos.def")
    const [first, second, third] = [
      sessions.openPending(undefined),
      sessions.openPending(undefined),
      sessions.openPending(undefined),
    ]
    expect(sessions.openPending(second)).toBe(second)
    const fourth = sessions.openPending(undefined)
    expect(sessions.isPending(first)).toBe(false)
    for (const token of [second, third, fourth]) expect(sessions.isPending(token)).toBe(true)
    expect(sessions.get(signedIn.id)).toEqual(signedIn)
  })

  it("gives every session its own id and CSRF token", () => {
    const sessions = makeSessionStore()
    const a = sessions.create("OKP/a")
    const b = sessions.create("OKP/a")
    expect(new Set([a.id, a.csrfToken, b.id, b.csrfToken]).size).toBe(4)
    sessions.remove(a.id)
    expect(sessions.get(a.id)).toBeUndefined()
  })
})

describe("CSRF tokens compare exactly, and a missing token never matches", () => {
  it("matches only the same token", () => {
    expect(sameToken("abc", "abc")).toBe(true)
    expect(sameToken("abd", "abc")).toBe(false)
    expect(sameToken("abcd", "abc")).toBe(false)
    expect(sameToken(null, "abc")).toBe(false)
    expect(sameToken("", undefined)).toBe(false)
  })
})
