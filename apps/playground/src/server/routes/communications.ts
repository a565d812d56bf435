import type { CrmRecord } from "@crmod-cti/emulator"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { regardingRecord } from "../crm/lookups.js"
import { isSubtab, maySeeSubtab, visibleSubtabs } from "../crm/subtabs.js"
import { contentReply, pageReply, takenReply } from "../http/Reply.js"
import { CommunicationsEventsPath, communicationsPage } from "../pages/CommunicationsPage.js"
import { CommunicationsPath } from "../pages/layout.js"
import { currentUser } from "../session/signedIn.js"
import { accessDenied, badParameter } from "./errors.js"
import { signedIn } from "./guards.js"
import type { Handler, Route } from "./Route.js"

/** The profile's time frame of completed interactions (the emulator has no user profiles: one for everybody). */
export const CompletedDays = 7
const ListLimit = 100

const showCommunications = signedIn(async (ctx, who) => {
  const subtabs = visibleSubtabs(who.user)
  const requested = ctx.url.searchParams.get("subtab")
  if (requested !== null && !isSubtab(requested)) {
    return badParameter(
      who,
      `Invalid value "${requested}" for parameter "subtab": expected Call, Chat, Email or Voicemail.`,
      "subtab",
    )
  }
  if (requested !== null && !maySeeSubtab(who.user, requested)) {
    return accessDenied(who, `Your role has no Access ${requested} Communications privilege.`)
  }
  const subtab = requested ?? subtabs[0]
  if (subtab === undefined) return pageReply(200, communicationsPage({ who, subtabs, completedDays: CompletedDays }))

  const completedSince = Date.now() - CompletedDays * 24 * 60 * 60 * 1000
  const lists = await Effect.runPromise(
    Effect.either(ctx.app.emulator.communications(who.user.signInId, subtab, { completedSince, limit: ListLimit })),
  )
  if (Either.isLeft(lists)) return accessDenied(who, `Your role has no Access ${subtab} Communications privilege.`)
  const activities = [...lists.right.current, ...lists.right.completed]
  const regarding = new Map<string, CrmRecord>()
  for (const activity of activities) {
    const record = await regardingRecord(ctx.app, who.user, activity)
    if (record !== undefined) regarding.set(activity.id, record)
  }
  return pageReply(
    200,
    communicationsPage({
      who,
      subtabs,
      shown: { subtab, lists: lists.right, regarding },
      completedDays: CompletedDays,
    }),
  )
})

const text = "text/plain; charset=utf-8"

/** The Communications page's live feed: an EventSource is not redirected to sign in, it is told 401. */
const communicationsEvents: Handler = async (ctx) => {
  const who = await currentUser(ctx)
  if (who === undefined) return contentReply(401, text, "Sign in to CRM On Demand first.")
  // A HEAD request gets the headers only: a stream without a body would never end.
  if (ctx.req.method === "HEAD") return contentReply(200, "text/event-stream; charset=utf-8", "")
  return ctx.app.events.open(ctx.res, who) === "opened"
    ? takenReply
    : contentReply(503, text, "Too many live pages are open; reload later.", { "retry-after": "30" })
}

export const communicationsRoutes: ReadonlyArray<Route> = [
  { path: CommunicationsPath, get: showCommunications },
  { path: CommunicationsEventsPath, get: communicationsEvents },
]
