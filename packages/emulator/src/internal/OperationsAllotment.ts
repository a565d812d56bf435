import { type CtiFault, Faults } from "@crmod-cti/core"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"

const Window = 24 * 60 * 60 * 1000

/** Operations of one company, grouped by second so that a day of traffic holds at most 86 400 buckets. */
interface Usage {
  readonly buckets: Array<{ second: number; last: number; count: number }>
  head: number
  used: number
}

export interface OperationsAllotment {
  /** Fails when `operations` more would exceed the company's allotment over the last 24 hours. */
  readonly check: (company: string, operations: number) => Effect.Effect<void, CtiFault>
  /** Counts `operations` for the company now. */
  readonly consume: (company: string, operations: number) => Effect.Effect<void>
}

/**
 * The Web Services Operations Allotment per company over a rolling 24 hours. Callers check and consume under
 * the company's lock, and consume only for requests that succeed, so a failed request uses nothing.
 */
export const makeOperationsAllotment = (allotment: number): OperationsAllotment => {
  const usages = new Map<string, Usage>()
  const usageAt = (company: string, now: number): Usage => {
    let usage = usages.get(company)
    if (usage === undefined) {
      usage = { buckets: [], head: 0, used: 0 }
      usages.set(company, usage)
    }
    // A bucket counts until its latest operation is 24 hours old: never less than a full day for any operation.
    for (let bucket = usage.buckets[usage.head]; bucket !== undefined && bucket.last <= now - Window; ) {
      usage.used -= bucket.count
      bucket = usage.buckets[++usage.head]
    }
    if (usage.head > 1024 && usage.head * 2 > usage.buckets.length) {
      usage.buckets.splice(0, usage.head)
      usage.head = 0
    }
    return usage
  }
  return {
    check: (company, operations) =>
      Clock.clockWith((clock) =>
        Effect.suspend(() =>
          usageAt(company, clock.unsafeCurrentTimeMillis()).used + operations > allotment
            ? Effect.fail(Faults.operationsAllotment(allotment))
            : Effect.void,
        ),
      ),
    consume: (company, operations) =>
      Clock.clockWith((clock) =>
        Effect.sync(() => {
          const now = clock.unsafeCurrentTimeMillis()
          const usage = usageAt(company, now)
          const second = Math.floor(now / 1000)
          const latest = usage.buckets.at(-1)
          if (latest !== undefined && usage.buckets.length > usage.head && latest.second === second) {
            latest.count += operations
            latest.last = now
          } else {
            usage.buckets.push({ second, last: now, count: operations })
          }
          usage.used += operations
        }),
      ),
  }
}
