import type { Activity, CrmRecord } from "@crmod-cti/emulator"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { PlaygroundContext, Route } from "../app/Playground.js"
import { regardingRecord } from "../crm/lookups.js"
import { PageSize, pageOf, pageParameter } from "../crm/paging.js"
import { isSubtab, maySeeSubtab, visibleSubtabs } from "../crm/subtabs.js"
import { htmlPage, textResponse } from "../http/responses.js"
import {
  CommunicationsEventsPath,
  CompletedPageParameter,
  CurrentPageParameter,
  communicationsPage,
} from "../pages/CommunicationsPage.js"
import { CommunicationsPath } from "../pages/layout.js"
import { accessDenied, badParameter } from "./errors.js"
import { signedIn } from "./guards.js"

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
  if (requested !== undefined && !maySeeSubtab(who.user, requested)) {
    return accessDenied(c, who, `Your role has no Access ${requested} Communications privilege.`)
  }
  const subtab = requested ?? subtabs[0]
  if (subtab === undefined) return htmlPage(c, 200, communicationsPage({ who, subtabs, completedDays: CompletedDays }))

  const positions = {
    current: pageParameter(CurrentPageParameter, c.req.query(CurrentPageParameter)),
    completed: pageParameter(CompletedPageParameter, c.req.query(CompletedPageParameter)),
  }
  if (Either.isLeft(positions.current)) return badParameter(c, who, positions.current.left, CurrentPageParameter)
  if (Either.isLeft(positions.completed)) return badParameter(c, who, positions.completed.left, CompletedPageParameter)
  const [current, completed] = [positions.current.right, positions.completed.right]
  const completedSince = Date.now() - CompletedDays * 24 * 60 * 60 * 1000
  const limit = Math.max(current ?? 0, completed ?? 0) + PageSize + 1
  const lists = await Effect.runPromise(
    Effect.either(c.var.playground.emulator.communications(who.user.signInId, subtab, { completedSince, limit })),
  )
  if (Either.isLeft(lists)) return accessDenied(c, who, `Your role has no Access ${subtab} Communications privilege.`)
  const shown = {
    subtab,
    current: pageOf(current, (rows) => lists.right.current.slice(0, rows)),
    completed: pageOf(completed, (rows) => lists.right.completed.slice(0, rows)),
    positions: { [CurrentPageParameter]: current, [CompletedPageParameter]: completed },
  }
  const regarding = new Map<string, CrmRecord>()
  for (const activity of [...shown.current.rows, ...shown.completed.rows] satisfies ReadonlyArray<Activity>) {
    const record = await regardingRecord(c.var.playground.emulator, who.user, activity)
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
 * told 401; 403 without any channel's Access privilege; 429 over the user's cap, 503 over the server's.
 */
const communicationsEvents = async (c: PlaygroundContext): Promise<Response> => {
  const who = c.var.who
  if (who === undefined) return textResponse(c, 401, "Sign in to CRM On Demand first.")
  if (visibleSubtabs(who.user).length === 0) {
    return textResponse(c, 403, "Access Denied: your role has no Access Communications privilege.")
  }
  // A HEAD request gets the headers only: a stream without a body would never end.
  if (c.req.method === "HEAD") return c.body(null, 200, { "content-type": "text/event-stream; charset=utf-8" })
  const opened = c.var.playground.streams.open(c, who)
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
