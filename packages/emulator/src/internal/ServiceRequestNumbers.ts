import type { EmulatorStoreShape } from "./EmulatorStore.js"

/**
 * Numbers of the service requests `CreateServiceRequest` creates: `SR-000001`, `SR-000002`, … per company,
 * skipping numbers the company already uses. Called inside a request's synchronous check-and-write, so no other
 * request can take the number before it is stored.
 */
export const makeServiceRequestNumbers = (store: EmulatorStoreShape) => {
  const counters = new Map<string, number>()
  return (company: string): string => {
    let counter = counters.get(company) ?? 0
    let number: string
    do number = `SR-${String(++counter).padStart(6, "0")}`
    while (store.serviceRequestsByNumber(company, number).length > 0)
    counters.set(company, counter)
    return number
  }
}
