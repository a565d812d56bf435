/**
 * Oracle's company sign-in policy ("Maximum Number of Sign In Attempts": 3, 5 or 10; "Sign In Lockout Duration":
 * 15, 30, 60 minutes or until an administrator unlocks the user), `CONTRACT.md` §9.
 */
export interface LockoutPolicy {
  /** Failed sign-ins in a row that lock the user (default 5). */
  readonly attempts?: 3 | 5 | 10
  /** How long the lock lasts, in minutes, or until `unlock` (default 15). */
  readonly minutes?: 15 | 30 | 60 | "until unlocked"
}

export const LockoutAttempts: ReadonlyArray<number> = [3, 5, 10]
export const LockoutMinutes: ReadonlyArray<number | "until unlocked"> = [15, 30, 60, "until unlocked"]
export const DefaultLockout = { attempts: 5, minutes: 15 } as const satisfies LockoutPolicy

/** A user's sign-in state: failures in a row, and until when they are locked (epoch ms; `Infinity` for ever). */
export interface SignInState {
  readonly failures: number
  readonly lockedUntil?: number
}

/**
 * Counts each user's failed sign-ins in a row and locks them out. An attempt counts as failed from the moment it
 * starts, before its password is checked, and a success takes it back: so concurrent guesses, whose checks all run
 * at once, are stopped at the limit like guesses one after the other. Only stored users have a state, so the map
 * is bounded by the users.
 */
export const makeSignInLockout = (policy: Required<LockoutPolicy>) => {
  const states = new Map<string, SignInState>()
  const lockMs = policy.minutes === "until unlocked" ? Number.POSITIVE_INFINITY : policy.minutes * 60_000

  /** The user's state at `now`: a lock that has run out is forgotten with the failures that made it. */
  const stateAt = (signInId: string, now: number): SignInState | undefined => {
    const state = states.get(signInId)
    if (state?.lockedUntil !== undefined && state.lockedUntil <= now) {
      states.delete(signInId)
      return undefined
    }
    return state
  }

  return {
    stateAt,
    isLocked: (signInId: string, now: number): boolean => stateAt(signInId, now)?.lockedUntil !== undefined,
    /** Counts an attempt as failed until `succeeded` says otherwise; the last allowed one locks the user. */
    attempt: (signInId: string, now: number): void => {
      const failures = (stateAt(signInId, now)?.failures ?? 0) + 1
      states.set(signInId, failures >= policy.attempts ? { failures, lockedUntil: now + lockMs } : { failures })
    },
    /** A right password: the count starts again, and a lock its own attempt set is lifted. */
    succeeded: (signInId: string): void => {
      states.delete(signInId)
    },
    unlock: (signInId: string): void => {
      states.delete(signInId)
    },
  }
}

export type SignInLockout = ReturnType<typeof makeSignInLockout>
