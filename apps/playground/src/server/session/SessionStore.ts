import { newToken } from "./token.js"

/** The browser session of a signed-in user. Privileges are not kept here: they are read afresh on each request. */
export interface Session {
  readonly id: string
  readonly signInId: string
  /** The token every data-changing form of this session carries. */
  readonly csrfToken: string
}

/** The session cookie's name. */
export const SessionCookie = "crmod_session"

export interface SessionStoreOptions {
  /** A session unused this long ends (default 8 hours). */
  readonly idleMs?: number
  /** At most this many sessions; the least recently used go first (default 10 000). */
  readonly maxSessions?: number
  readonly now?: () => number
}

export interface SessionStore {
  readonly create: (signInId: string) => Session
  /** The live session with this id, kept alive by the call. */
  readonly get: (id: string | undefined) => Session | undefined
  readonly remove: (id: string) => void
}

/** Sessions in memory, like the emulator's data: a restart signs everyone out. */
export const makeSessionStore = (options: SessionStoreOptions = {}): SessionStore => {
  const idleMs = options.idleMs ?? 8 * 60 * 60 * 1000
  const maxSessions = options.maxSessions ?? 10_000
  const now = options.now ?? Date.now
  // Insertion order is the order of last use: `get` moves a session to the end.
  const sessions = new Map<string, { readonly session: Session; readonly lastUsed: number }>()

  const sweep = () => {
    const oldest = now() - idleMs
    for (const [id, entry] of sessions) {
      if (entry.lastUsed >= oldest && sessions.size < maxSessions) break
      sessions.delete(id)
    }
  }

  return {
    create: (signInId) => {
      sweep()
      const session: Session = { id: newToken(), signInId, csrfToken: newToken() }
      sessions.set(session.id, { session, lastUsed: now() })
      return session
    },
    get: (id) => {
      if (id === undefined) return undefined
      const entry = sessions.get(id)
      if (entry === undefined) return undefined
      sessions.delete(id)
      if (entry.lastUsed < now() - idleMs) return undefined
      sessions.set(id, { session: entry.session, lastUsed: now() })
      return entry.session
    },
    remove: (id) => {
      sessions.delete(id)
    },
  }
}
