import * as Data from "effect/Data"

/**
 * Why a CRM page's query has nothing to show: `NotFound` (no such record or activity in the user's company; a
 * page answers 404), `Forbidden` (not the user's to see or change: another agent's activity on the wrap-up page,
 * a channel without its Access privilege, a user who is not signed in; 403), `InvalidPage` (a paging position
 * that is no position; 400).
 */
export class CrmQueryError extends Data.TaggedError("CrmQueryError")<{
  readonly reason: "NotFound" | "Forbidden" | "InvalidPage"
  readonly message: string
}> {}

export const notFound = (message: string) => new CrmQueryError({ reason: "NotFound", message })
export const forbidden = (message: string) => new CrmQueryError({ reason: "Forbidden", message })
