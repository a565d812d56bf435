import type { InsertResult, Interaction } from "@crmod-cti/core"
import { describe, expect, it } from "vitest"
import { InteractionBoard } from "../../src/softphone/InteractionBoard.js"

const interaction = (id: string): Interaction => ({
  InteractionId: id,
  AgentOfferTime: 1_767_225_600,
  ChannelType: "Inbound Call",
})
const result = (id: string): InsertResult => ({
  Status: "OK",
  InteractionId: id,
  AgentOfferTime: 1_767_225_600,
  ActivityId: `1QA2-${id}`,
})

const boardAt = () => {
  const clock = { now: 1_000 }
  const board = new InteractionBoard(() => clock.now)
  const add = (id: string) => board.add({ interaction: interaction(id), result: result(id), party: "+1 555 111 1212" })
  return { clock, board, add }
}

describe("an interaction's life in the softphone: active, wrap-up, done", () => {
  it("starts active, newest first", () => {
    const { board, add } = boardAt()
    add("A")
    add("B")
    expect(board.open.map((tracked) => [tracked.interaction.InteractionId, tracked.state])).toEqual([
      ["B", "Active"],
      ["A", "Active"],
    ])
  })

  it("goes into wrap-up on hang-up, once", () => {
    const { clock, board, add } = boardAt()
    add("A")
    clock.now = 61_000
    expect(board.hangUp("A")).toMatchObject({ state: "Wrap-up", startedAt: 1_000, hungUpAt: 61_000 })
    expect(board.hangUp("A")).toBeUndefined()
    expect(board.open).toHaveLength(1)
  })

  it("is done when the wrap-up page's Save (endWrapUp) names it, and leaves the open list for the history", () => {
    const { clock, board, add } = boardAt()
    add("A")
    add("B")
    board.hangUp("A")
    clock.now = 90_000
    expect(board.finishWrapUp("A")).toMatchObject({ state: "Done", doneAt: 90_000 })
    expect(board.open.map((tracked) => tracked.interaction.InteractionId)).toEqual(["B"])
    expect(board.done.map((tracked) => tracked.interaction.InteractionId)).toEqual(["A"])
  })

  it("ends an interaction still active when its wrap-up is saved (the agent went to the wrap-up page directly)", () => {
    const { clock, board, add } = boardAt()
    add("A")
    clock.now = 5_000
    expect(board.finishWrapUp("A")).toMatchObject({ state: "Done", hungUpAt: 5_000, doneAt: 5_000 })
  })

  it("ignores a Save for an interaction it did not log, or one already done", () => {
    const { board, add } = boardAt()
    add("A")
    expect(board.finishWrapUp("100000000000")).toBeUndefined()
    board.finishWrapUp("A")
    expect(board.finishWrapUp("A")).toBeUndefined()
    expect(board.done).toHaveLength(1)
  })

  it("lists the history most recently finished first", () => {
    const { clock, board, add } = boardAt()
    add("A")
    add("B")
    clock.now = 2_000
    board.finishWrapUp("B")
    clock.now = 3_000
    board.finishWrapUp("A")
    expect(board.done.map((tracked) => tracked.interaction.InteractionId)).toEqual(["A", "B"])
  })

  it("tells its listeners about every change, until they unsubscribe", () => {
    const { board, add } = boardAt()
    const seen: Array<number> = []
    const unsubscribe = board.subscribe((changed) => seen.push(changed.open.length))
    add("A")
    board.hangUp("A")
    unsubscribe()
    board.finishWrapUp("A")
    expect(seen).toEqual([1, 1])
  })
})
