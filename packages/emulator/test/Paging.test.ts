import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import {
  type Activity,
  DemoIds,
  DemoUsers,
  EmulatorStore,
  type EmulatorStoreShape,
  makeInMemoryStore,
  type Page,
  PageSize,
} from "@crmod-cti/emulator"
import { demoEmulator, interaction } from "./fixtures.js"

const Stored = 100_000
// Filling the store takes a second or two on a quiet machine; the budget is for a busy one.
const FillBudgetMs = 60_000
const mosDef = { signInId: DemoUsers.mosDef }

/** `Stored` calls of `OKP/mos.def` from Fred Hong, written straight into the store; every other one wrapped up. */
const fredsCalls = (store: EmulatorStoreShape) => {
  for (let n = 0; n < Stored; n++) {
    const activity: Activity = {
      id: `1QA2-P${n.toString(36).toUpperCase()}`,
      company: "OKP",
      owner: DemoUsers.mosDef,
      type: "Call",
      subtype: "Inbound Call",
      interaction: interaction(`p${n}`),
      contactId: DemoIds.fredHong,
      createdAt: 2_000_000_000_000 + n,
    }
    store.addActivity(activity)
    if (n % 2 === 1) store.updateActivity({ ...activity, wrappedUpAt: 2_000_000_000_000 + n })
  }
}

/** The store, counting the rows its paged reads hand out. */
const counting = (store: EmulatorStoreShape) => {
  let rows = 0
  const counted = <A extends ReadonlyArray<unknown>>(found: A): A => {
    rows += found.length
    return found
  }
  const spy: EmulatorStoreShape = {
    ...store,
    activitiesOfRecord: (...args) => counted(store.activitiesOfRecord(...args)),
    activitiesOfOwner: (...args) => counted(store.activitiesOfOwner(...args)),
    recordsOfType: (...args) => counted(store.recordsOfType(...args)),
  }
  const reset = () => {
    rows = 0
  }
  return { spy, rowsRead: () => rows, reset }
}

/** The demo emulator over a counting store holding Fred Hong's calls; the count starts after filling it. */
const withFredsCalls = Effect.gen(function* () {
  const store = yield* makeInMemoryStore()
  const { spy, rowsRead, reset } = counting(store)
  const emulator = yield* demoEmulator().pipe(Effect.provideService(EmulatorStore, spy))
  fredsCalls(store)
  reset()
  return { emulator, rowsRead }
})

const numbers = (page: Page<Activity>) =>
  page.rows.map((activity) => Number(activity.interaction.InteractionId.slice(1)))

describe(`every list is paged, ${PageSize} rows newest first, read through indexes (${Stored} activities stored)`, () => {
  it.effect(
    "a record's activities: pages follow one another to the first activity, each read from the index",
    () =>
      Effect.gen(function* () {
        const { emulator, rowsRead } = yield* withFredsCalls
        const first = yield* emulator.queries.activitiesOfRecord(mosDef, "Contact", DemoIds.fredHong)
        expect(numbers(first.activities)).toEqual(Array.from({ length: PageSize }, (_, i) => Stored - 1 - i))
        // One read per subtab the user may see, each a page and one row deep: never the whole list.
        expect(rowsRead()).toBeLessThanOrEqual(4 * (PageSize + 1))

        let page = first.activities
        let seen = page.rows.length
        let last = numbers(page).at(-1)!
        while (page.next !== undefined) {
          page = (yield* emulator.queries.activitiesOfRecord(mosDef, "Contact", DemoIds.fredHong, {
            before: page.next,
          })).activities
          expect(numbers(page)[0]).toBe(last - 1)
          last = numbers(page).at(-1)!
          seen += page.rows.length
        }
        expect(seen).toBe(Stored)
        expect(last).toBe(0)
      }),
    FillBudgetMs,
  )

  it.effect(
    "the Communications subtab: current newest created first, completed most recently wrapped up first",
    () =>
      Effect.gen(function* () {
        const { emulator, rowsRead } = yield* withFredsCalls
        const page = yield* emulator.queries.communications(mosDef, "Call")
        expect(rowsRead()).toBeLessThanOrEqual(2 * (PageSize + 1))
        expect(numbers(page.current)).toEqual(Array.from({ length: PageSize }, (_, i) => Stored - 2 - 2 * i))
        expect(numbers(page.completed)).toEqual(Array.from({ length: PageSize }, (_, i) => Stored - 1 - 2 * i))
        const second = yield* emulator.queries.communications(mosDef, "Call", {
          current: { before: page.current.next! },
          completed: { before: page.completed.next! },
        })
        expect(numbers(second.current)[0]).toBe(Stored - 2 - 2 * PageSize)
        expect(numbers(second.completed)[0]).toBe(Stored - 1 - 2 * PageSize)
        // The time frame ends a list: only the 10 calls wrapped up at or after it, and no next page.
        const recent = yield* emulator.queries.communications(mosDef, "Call", {
          completedSince: 2_000_000_000_000 + Stored - 20,
        })
        expect(numbers(recent.completed)).toEqual(Array.from({ length: 10 }, (_, i) => Stored - 1 - 2 * i))
        expect(recent.completed.next).toBeUndefined()
      }),
    FillBudgetMs,
  )

  it.effect("records of a type", () =>
    Effect.gen(function* () {
      const store = yield* makeInMemoryStore()
      const emulator = yield* demoEmulator().pipe(Effect.provideService(EmulatorStore, store))
      for (let n = 0; n < 250; n++) {
        store.addRecord({
          recordType: "Account",
          id: `1QA2-Q${n.toString(36).toUpperCase()}`,
          company: "OKP",
          name: `Account ${n}`,
        })
      }
      const names = (page: { readonly rows: ReadonlyArray<{ readonly id: string }> }) => page.rows.map((row) => row.id)
      const first = yield* emulator.queries.recordsOfType(mosDef, "Account")
      const second = yield* emulator.queries.recordsOfType(mosDef, "Account", { before: first.next! })
      const third = yield* emulator.queries.recordsOfType(mosDef, "Account", { before: second.next! })
      expect(first.rows.length + second.rows.length + third.rows.length).toBe(251)
      expect(names(first)[0]).toBe("1QA2-Q6X") // 249 in base 36
      expect(names(third).at(-1)).toBe(DemoIds.acme)
      expect(third.next).toBeUndefined()
    }),
  )
})
