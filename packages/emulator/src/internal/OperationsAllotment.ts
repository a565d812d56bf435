import { type CtiFault, Faults } from "@crmod-cti/core"

const Window = 24 * 60 * 60 * 1000

/** Operations of one company, grouped by second so that a day of traffic holds at most 86 400 buckets. */
interface Usage {
  readonly buckets: Array<{ second: number; last: number; count: number }>
  head: number
  used: number
}

export interface OperationsAllotment {
  /** The fault when `operations` more at `now` (epoch ms) would exceed the company's allotment over 24 hours. */
  readonly check: (company: string, operations: number, now: number) => CtiFault | undefined
  /** Counts `operations` for the company at `now`. */
  readonly consume: (company: string, operations: number, now: number) => void
}

/**
 * The Web Services Operations Allotment per company over a rolling 24 hours. Callers check and consume in one
 * synchronous step, and consume only for requests that succeed, so a failed request uses nothing.
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
    check: (company, operations, now) =>
      usageAt(company, now).used + operations > allotment ? Faults.operationsAllotment(allotment) : undefined,
    consume: (company, operations, now) => {
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
    },
  }
}
