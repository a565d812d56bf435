import type { InsertResult, Interaction } from "@crmod-cti/core"

/**
 * Where an interaction the softphone logged stands: the agent is on it (`Active`), has hung up and fills in the
 * wrap-up page (`Wrap-up`), or has saved the wrap-up (`Done`).
 */
export type InteractionState = "Active" | "Wrap-up" | "Done"

export interface TrackedInteraction {
  readonly interaction: Interaction
  readonly result: InsertResult
  /** The customer's end: the caller or sender, or the number dialled. */
  readonly party: string
  readonly state: InteractionState
  /** Epoch milliseconds. */
  readonly startedAt: number
  readonly hungUpAt?: number
  readonly doneAt?: number
}

export type BoardListener = (board: InteractionBoard) => void

/**
 * The interactions of this softphone session, newest first. Interactions are identified by `InteractionId` (the
 * softphone makes them unique), which is all the wrap-up page's Save button carries.
 */
export class InteractionBoard {
  private interactions: ReadonlyArray<TrackedInteraction> = []
  private readonly listeners = new Set<BoardListener>()

  constructor(private readonly now: () => number = Date.now) {}

  subscribe(listener: BoardListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Interactions not done yet (active or in wrap-up), newest first. */
  get open(): ReadonlyArray<TrackedInteraction> {
    return this.interactions.filter((tracked) => tracked.state !== "Done")
  }

  /** Interactions whose wrap-up was saved, most recently finished first. */
  get done(): ReadonlyArray<TrackedInteraction> {
    return this.interactions
      .filter((tracked) => tracked.state === "Done")
      .sort((a, b) => (b.doneAt ?? 0) - (a.doneAt ?? 0))
  }

  find(interactionId: string): TrackedInteraction | undefined {
    return this.interactions.find((tracked) => tracked.interaction.InteractionId === interactionId)
  }

  /** Start tracking an interaction that was just logged. */
  add(tracked: Omit<TrackedInteraction, "state" | "startedAt">): TrackedInteraction {
    const added: TrackedInteraction = { ...tracked, state: "Active", startedAt: this.now() }
    this.interactions = [added, ...this.interactions]
    this.notify()
    return added
  }

  /** The agent hung up: the interaction goes into wrap-up. Returns it, or `undefined` when it was not active. */
  hangUp(interactionId: string): TrackedInteraction | undefined {
    return this.update(interactionId, ["Active"], (tracked) => ({
      ...tracked,
      state: "Wrap-up",
      hungUpAt: this.now(),
    }))
  }

  /**
   * The wrap-up was saved: the interaction is done. Saving the wrap-up page of an interaction still active also
   * ends it (the agent may open the wrap-up page from the CRM before hanging up).
   */
  finishWrapUp(interactionId: string): TrackedInteraction | undefined {
    const at = this.now()
    return this.update(interactionId, ["Active", "Wrap-up"], (tracked) => ({
      ...tracked,
      state: "Done",
      hungUpAt: tracked.hungUpAt ?? at,
      doneAt: at,
    }))
  }

  private update(
    interactionId: string,
    from: ReadonlyArray<InteractionState>,
    change: (tracked: TrackedInteraction) => TrackedInteraction,
  ): TrackedInteraction | undefined {
    const current = this.find(interactionId)
    if (current === undefined || !from.includes(current.state)) return undefined
    const changed = change(current)
    this.interactions = this.interactions.map((tracked) => (tracked === current ? changed : tracked))
    this.notify()
    return changed
  }

  private notify(): void {
    for (const listener of this.listeners) listener(this)
  }
}
