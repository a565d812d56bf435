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

  it("drops the least recently used session beyond the limit", () => {
    const sessions = makeSessionStore({ maxSessions: 2 })
    const first = sessions.create("OKP/a")
    const second = sessions.create("OKP/b")
    sessions.get(first.id)
    const third = sessions.create("OKP/c")
    expect(sessions.get(second.id)).toBeUndefined()
    expect(sessions.get(first.id)?.signInId).toBe("OKP/a")
    expect(sessions.get(third.id)?.signInId).toBe("OKP/c")
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
