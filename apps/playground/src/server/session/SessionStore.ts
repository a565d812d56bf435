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

export interface SessionLimits {
  /** Sessions of one user; a new one beyond ends that user's oldest (default 20, `CONTRACT.md` §9). */
  readonly maxPerUser: number
  /** Sessions before sign-in (the sign-in form's), in all; the oldest go first (default 10 000). */
  readonly maxPending: number
}

export const DefaultSessionLimits: SessionLimits = { maxPerUser: 20, maxPending: 10_000 }

export interface SessionStoreOptions extends Partial<SessionLimits> {
  /** A session unused this long ends (default 8 hours). */
  readonly idleMs?: number
  readonly now?: () => number
  /** Told of each signed-in session that ends other than by `remove` (evicted or idle), to end its streams. */
  readonly onEnded?: (session: Session) => void
}

export interface SessionStore {
  /** A new session of the user; beyond the user's cap, that user's oldest session ends. */
  readonly create: (signInId: string) => Session
  /** The live session with this id, kept alive by the call. */
  readonly get: (id: string | undefined) => Session | undefined
  readonly remove: (id: string) => void
  /** The sign-in form's session: `token` again while it is live, else a new one (the oldest ends beyond the cap). */
  readonly openPending: (token: string | undefined) => string
  readonly isPending: (token: string | undefined) => boolean
  readonly removePending: (token: string) => void
}

interface Entry {
  readonly session: Session
  lastUsed: number
}

/**
 * Sessions in memory, like the emulator's data: a restart signs everyone out. Every operation costs the same
 * whatever the number of sessions: maps in order of last use (oldest first), a set per user in order of creation.
 */
export const makeSessionStore = (options: SessionStoreOptions = {}): SessionStore => {
  const idleMs = options.idleMs ?? 8 * 60 * 60 * 1000
  const maxPerUser = options.maxPerUser ?? DefaultSessionLimits.maxPerUser
  const maxPending = options.maxPending ?? DefaultSessionLimits.maxPending
  const now = options.now ?? Date.now
  const sessions = new Map<string, Entry>()
  const byUser = new Map<string, Set<string>>()
  const pending = new Map<string, number>()

  const end = (id: string): Session | undefined => {
    const entry = sessions.get(id)
    if (entry === undefined) return undefined
    sessions.delete(id)
    const own = byUser.get(entry.session.signInId)
    own?.delete(id)
    if (own?.size === 0) byUser.delete(entry.session.signInId)
    return entry.session
  }

  const expire = (id: string) => {
    const ended = end(id)
    if (ended !== undefined) options.onEnded?.(ended)
  }

  // Idle sessions are at the front of both maps: each sweep stops at the first live one.
  const sweep = () => {
    const oldest = now() - idleMs
    for (const [id, entry] of sessions) {
      if (entry.lastUsed >= oldest) break
      expire(id)
    }
    for (const [token, lastUsed] of pending) {
      if (lastUsed >= oldest) break
      pending.delete(token)
    }
  }

  return {
    create: (signInId) => {
      sweep()
      const session: Session = { id: newToken(), signInId, csrfToken: newToken() }
      const own = byUser.get(signInId) ?? new Set<string>()
      byUser.set(signInId, own)
      for (const id of own) {
        if (own.size < maxPerUser) break
        expire(id)
      }
      own.add(session.id)
      sessions.set(session.id, { session, lastUsed: now() })
      return session
    },
    get: (id) => {
      if (id === undefined) return undefined
      const entry = sessions.get(id)
      if (entry === undefined) return undefined
      if (entry.lastUsed < now() - idleMs) {
        expire(id)
        return undefined
      }
      // To the end of the map: the order of last use.
      sessions.delete(id)
      entry.lastUsed = now()
      sessions.set(id, entry)
      return entry.session
    },
    remove: (id) => {
      end(id)
    },
    openPending: (token) => {
      sweep()
      if (token !== undefined && pending.delete(token)) {
        pending.set(token, now())
        return token
      }
      for (const oldest of pending.keys()) {
        if (pending.size < maxPending) break
        pending.delete(oldest)
      }
      const created = newToken()
      pending.set(created, now())
      return created
    },
    isPending: (token) => {
      if (token === undefined) return false
      const lastUsed = pending.get(token)
      return lastUsed !== undefined && lastUsed >= now() - idleMs
    },
    removePending: (token) => {
      pending.delete(token)
    },
  }
}
