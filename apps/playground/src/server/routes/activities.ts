import type { Activity } from "@crmod-cti/emulator"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type { PlaygroundContext, Route } from "../app/Playground.js"
import { CallResults, MaxNotesLength } from "../crm/callResults.js"
import { runQuery } from "../crm/runQuery.js"
import { htmlPage, redirectTo } from "../http/responses.js"
import { activityPage, type WrapUpSaved } from "../pages/ActivityPage.js"
import { wrapUpPage } from "../pages/WrapUpPage.js"
import type { SignedIn } from "../session/signedIn.js"
import { DetailPaths, detailUrl, WrapUpPath } from "../views/recordLinks.js"
import { badParameter, errorResponse } from "./errors.js"
import { signedIn, signedInForm } from "./guards.js"
import { queryFailed } from "./queryFailed.js"

/**
 * The activity named by `?id=` as the emulator lets the user see it (`queries.activity`: their company, a channel
 * they may access) or act on it on the wrap-up page (`wrapUpPage.ownActivity`: also their own), or the page why not.
 */
const activityOf = async (
  c: PlaygroundContext,
  who: SignedIn,
  purpose: "view" | "wrapUp",
): Promise<Activity | Response> => {
  const id = c.req.query("id")
  if (id === undefined || id === "") {
    return badParameter(c, who, `Missing parameter "id": which activity to show.`, "id")
  }
  const { emulator } = c.var.playground
  const found = await runQuery(
    purpose === "view" ? emulator.queries.activity(who.user, id) : emulator.wrapUpPage.ownActivity(who.user, id),
  )
  return Either.isRight(found) ? found.right : queryFailed(c, who, found.left)
}

/** The records an activity is associated with, of the user's company. */
const associatedRecords = async (c: PlaygroundContext, who: SignedIn, activity: Activity) => {
  const linked = await runQuery(c.var.playground.emulator.queries.linkedRecords(who.user, activity))
  return Either.getOrElse(linked, () => [])
}

const savedStates: ReadonlyArray<string> = ["ok", "already"] satisfies ReadonlyArray<WrapUpSaved>

const showActivity = signedIn(async (c, who) => {
  const activity = await activityOf(c, who, "view")
  if (activity instanceof Response) return activity
  const saved = c.req.query("saved")
  return htmlPage(
    c,
    200,
    activityPage({
      who,
      activity,
      records: await associatedRecords(c, who, activity),
      ...(saved !== undefined && savedStates.includes(saved) ? { saved: saved as WrapUpSaved } : {}),
    }),
  )
})

const showWrapUp = signedIn(async (c, who) => {
  const activity = await activityOf(c, who, "wrapUp")
  if (activity instanceof Response) return activity
  return htmlPage(
    c,
    200,
    wrapUpPage({
      who,
      activity,
      records: await associatedRecords(c, who, activity),
      notes: activity.wrapUpNotes ?? "",
      callResult: activity.callResult ?? "",
    }),
  )
})

/** The wrap-up form as the page sends it: the notes within their limit, a call result of the list or none. */
const WrapUpFormFields = Schema.Struct({
  notes: Schema.String.pipe(
    Schema.maxLength(MaxNotesLength, { message: () => `Notes must be at most ${MaxNotesLength} characters long.` }),
  ),
  callResult: Schema.Literal("", ...CallResults).annotations({
    message: () => `Choose a Call Result of the list: ${CallResults.join(", ")}.`,
  }),
})
const decodeWrapUpForm = Schema.decodeUnknownEither(WrapUpFormFields, { errors: "first" })

/** Saving the wrap-up page wraps the activity up (`CONTRACT.md` §5) and goes back to its detail page. */
const saveWrapUp = signedInForm(async (c, who, form) => {
  const activity = await activityOf(c, who, "wrapUp")
  if (activity instanceof Response) return activity
  const sent = { notes: form.get("notes") ?? "", callResult: form.get("callResult") ?? "" }
  const fields = decodeWrapUpForm(sent)
  if (Either.isLeft(fields)) {
    const records = await associatedRecords(c, who, activity)
    const error = ParseResult.ArrayFormatter.formatErrorSync(fields.left)[0]?.message ?? "The wrap-up form is invalid."
    return htmlPage(c, 400, wrapUpPage({ who, activity, records, ...sent, error }))
  }
  const { notes, callResult } = fields.right
  const outcome = await runQuery(
    c.var.playground.emulator.wrapUpPage.save(who.user, activity.id, {
      notes,
      ...(callResult === "" ? {} : { callResult }),
    }),
  )
  if (Either.isLeft(outcome)) return queryFailed(c, who, outcome.left)
  switch (outcome.right.status) {
    case "OK":
      return redirectTo(c, `${detailUrl("Activity", activity.id)}&saved=ok`)
    case "Activity has already been wrapped up":
      return redirectTo(c, `${detailUrl("Activity", activity.id)}&saved=already`)
    case "Error":
      return errorResponse(c, 500, "Wrap-up Not Saved", "The wrap-up could not be saved. Please try again.", who)
  }
})

export const activityRoutes: ReadonlyArray<Route> = [
  { path: DetailPaths.Activity, get: showActivity },
  { path: WrapUpPath, get: showWrapUp, post: saveWrapUp },
]
