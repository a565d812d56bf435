import { type CtiFault, Faults } from "@crmod-cti/core"

const Hour = 60 * 60 * 1000

/** The hours a company's usage spans: the current hour and the 23 before it. */
const WindowHours = 24

/** One company's operations, one bucket per clock hour that had any, oldest first (never more than 24). */
interface Usage {
  readonly hours: Array<{ readonly hour: number; count: number }>
  used: number
}

export interface OperationsAllotment {
  /** The fault when `operations` more at `now` (epoch ms) would exceed the company's allotment. */
  readonly check: (company: string, operations: number, now: number) => CtiFault | undefined
  /** Counts `operations` for the company at `now`. */
  readonly consume: (company: string, operations: number, now: number) => void
}

/**
 * The Web Services Operations Allotment per company, counted as Oracle counts it: the usage is the sum of the
 * current clock hour and the 23 before it, so an hour's operations are released together as that hour begins the
 * next day, up to an hour before they are 24 hours old (Oracle's "Determining Current Usage"). Callers check and consume in one synchronous step, and consume
 * only for requests that are executed, so a refused request uses nothing.
 */
export const makeOperationsAllotment = (allotment: number): OperationsAllotment => {
  const usages = new Map<string, Usage>()
  const usageAt = (company: string, now: number): Usage => {
    let usage = usages.get(company)
    if (usage === undefined) {
      usage = { hours: [], used: 0 }
      usages.set(company, usage)
    }
    const oldest = Math.floor(now / Hour) - WindowHours + 1
    while (usage.hours[0] !== undefined && usage.hours[0].hour < oldest) usage.used -= usage.hours.shift()!.count
    return usage
  }
  return {
    check: (company, operations, now) =>
      usageAt(company, now).used + operations > allotment ? Faults.operationsAllotment(allotment) : undefined,
    consume: (company, operations, now) => {
      const usage = usageAt(company, now)
      const hour = Math.floor(now / Hour)
      const latest = usage.hours.at(-1)
      if (latest?.hour === hour) latest.count += operations
      else usage.hours.push({ hour, count: operations })
      usage.used += operations
    },
  }
}
