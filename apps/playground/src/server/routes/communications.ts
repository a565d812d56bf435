import { type CrmRecord, CrmQueryError } from "@crmod-cti/emulator"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { PlaygroundContext, Route } from "../app/Playground.js"
import { paged, pageParameter } from "../crm/paging.js"
import { regardingRecord } from "../crm/regarding.js"
import { runQuery } from "../crm/runQuery.js"
import { isSubtab, visibleSubtabs } from "../crm/subtabs.js"
import { htmlPage, textResponse } from "../http/responses.js"
import {
  CommunicationsEventsPath,
  CompletedPageParameter,
  CurrentPageParameter,
  communicationsPage,
} from "../pages/CommunicationsPage.js"
import { CommunicationsPath } from "../pages/layout.js"
import { badParameter } from "./errors.js"
import { signedIn } from "./guards.js"
import { queryFailed } from "./queryFailed.js"

/** The profile's time frame of completed interactions (the emulator has no user profiles: one for everybody). */
export const CompletedDays = 7

const showCommunications = signedIn(async (c, who) => {
  const subtabs = visibleSubtabs(who.user)
  const requested = c.req.query("subtab")
  if (requested !== undefined && !isSubtab(requested)) {
    return badParameter(
      c,
      who,
      `Invalid value "${requested}" for parameter "subtab": expected Call, Chat, Email or Voicemail.`,
      "subtab",
    )
  }
  const subtab = requested ?? subtabs[0]
  if (subtab === undefined) return htmlPage(c, 200, communicationsPage({ who, subtabs, completedDays: CompletedDays }))

  const current = pageParameter(CurrentPageParameter, c.req.query(CurrentPageParameter))
  if (Either.isLeft(current)) return badParameter(c, who, current.left, CurrentPageParameter)
  const completed = pageParameter(CompletedPageParameter, c.req.query(CompletedPageParameter))
  if (Either.isLeft(completed)) return badParameter(c, who, completed.left, CompletedPageParameter)
  const { queries } = c.var.playground.emulator
  const lists = await runQuery(
    queries.communications(who.user, subtab, {
      current: current.right,
      completed: completed.right,
      completedSince: Date.now() - CompletedDays * 24 * 60 * 60 * 1000,
    }),
  )
  if (Either.isLeft(lists)) return queryFailed(c, who, lists.left)
  const shown = {
    subtab,
    current: paged(lists.right.current, current.right),
    completed: paged(lists.right.completed, completed.right),
    positions: { [CurrentPageParameter]: current.right.before, [CompletedPageParameter]: completed.right.before },
  }
  const regarding = new Map<string, CrmRecord>()
  for (const activity of [...shown.current.rows, ...shown.completed.rows]) {
    const linked = await runQuery(queries.linkedRecords(who.user, activity))
    const record = regardingRecord(Either.getOrElse(linked, () => []))
    if (record !== undefined) regarding.set(activity.id, record)
  }
  return htmlPage(
    c,
    200,
    communicationsPage({ who, subtabs, shown: { ...shown, regarding }, completedDays: CompletedDays }),
  )
})

/**
 * The Communications page's live feed (`CONTRACT.md` §2, §9): an EventSource is not redirected to sign in, it is
 * told 401; 403 when the emulator refuses the user a subscription (no channel's Access privilege); 429 over the
 * user's cap, 503 over the server's.
 */
const communicationsEvents = async (c: PlaygroundContext): Promise<Response> => {
  const who = c.var.who
  if (who === undefined) return textResponse(c, 401, "Sign in to CRM On Demand first.")
  const { emulator, streams } = c.var.playground
  const refused = (error: CrmQueryError) => textResponse(c, 403, `Access Denied: ${error.message}`)
  // A HEAD request gets the headers only (a stream without a body would never end), as the emulator allows.
  if (c.req.method === "HEAD") {
    const allowed = await runQuery(Effect.scoped(Effect.asVoid(emulator.subscribeAs(who.user))))
    if (Either.isLeft(allowed)) return refused(allowed.left)
    return c.body(null, 200, { "content-type": "text/event-stream; charset=utf-8" })
  }
  const opened = await streams.open(c, who)
  if (opened instanceof CrmQueryError) return refused(opened)
  switch (opened) {
    case "UserBusy":
      return textResponse(c, 429, "You have too many live pages open; close one or reload later.", {
        "retry-after": "30",
      })
    case "ServerBusy":
      return textResponse(c, 503, "Too many live pages are open; reload later.", { "retry-after": "30" })
    default:
      return opened
  }
}

export const communicationsRoutes: ReadonlyArray<Route> = [
  { path: CommunicationsPath, get: showCommunications },
  { path: CommunicationsEventsPath, get: communicationsEvents },
]
