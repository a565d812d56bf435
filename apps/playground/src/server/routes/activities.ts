import { mayAccessAll } from "@crmod-cti/core"
import type { Activity } from "@crmod-cti/emulator"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type { PlaygroundContext, Route } from "../app/Playground.js"
import { CallResults, MaxNotesLength } from "../crm/callResults.js"
import { activityRecords, companyActivity } from "../crm/lookups.js"
import { ownActivity } from "../crm/ownActivity.js"
import { htmlPage, redirectTo } from "../http/responses.js"
import { activityPage, type WrapUpSaved } from "../pages/ActivityPage.js"
import { wrapUpPage } from "../pages/WrapUpPage.js"
import type { SignedIn } from "../session/signedIn.js"
import { DetailPaths, detailUrl, WrapUpPath } from "../views/recordLinks.js"
import { accessDenied, badParameter, errorResponse, notFound } from "./errors.js"
import { signedIn, signedInForm } from "./guards.js"

const channelDenied = (c: PlaygroundContext, who: SignedIn, activity: Activity) =>
  accessDenied(c, who, `Your role has no Access ${activity.type} Communications privilege.`)

const activityId = (c: PlaygroundContext, who: SignedIn): string | Response => {
  const id = c.req.query("id")
  return id === undefined || id === ""
    ? badParameter(c, who, `Missing parameter "id": which activity to show.`, "id")
    : id
}

/** The activity named by `?id=`, of the user's company and of a channel the user may access, or the page why not. */
const visibleActivity = async (c: PlaygroundContext, who: SignedIn): Promise<Activity | Response> => {
  const id = activityId(c, who)
  if (id instanceof Response) return id
  const activity = await companyActivity(c.var.playground.emulator, who.user, id)
  if (activity === undefined) return notFound(c, who, `There is no activity with the Record Id ${id}.`)
  return mayAccessAll(who.user.privileges, [activity.subtype]) ? activity : channelDenied(c, who, activity)
}

/** The activity the wrap-up page acts on: visible, and the user's own (`CONTRACT.md` §9). */
const wrapUpActivity = async (c: PlaygroundContext, who: SignedIn): Promise<Activity | Response> => {
  const id = activityId(c, who)
  if (id instanceof Response) return id
  const found = await ownActivity(c.var.playground.emulator, who.user, id)
  switch (found._tag) {
    case "NotFound":
      return notFound(c, who, `There is no activity with the Record Id ${id}.`)
    case "Others":
      return accessDenied(c, who, "This activity is another agent's: only its owner can wrap it up.")
    case "Own":
      return mayAccessAll(who.user.privileges, [found.activity.subtype])
        ? found.activity
        : channelDenied(c, who, found.activity)
  }
}

const savedStates: ReadonlyArray<string> = ["ok", "already"] satisfies ReadonlyArray<WrapUpSaved>

const showActivity = signedIn(async (c, who) => {
  const activity = await visibleActivity(c, who)
  if (activity instanceof Response) return activity
  const saved = c.req.query("saved")
  return htmlPage(
    c,
    200,
    activityPage({
      who,
      activity,
      records: await activityRecords(c.var.playground.emulator, who.user, activity),
      ...(saved !== undefined && savedStates.includes(saved) ? { saved: saved as WrapUpSaved } : {}),
    }),
  )
})

const showWrapUp = signedIn(async (c, who) => {
  const activity = await wrapUpActivity(c, who)
  if (activity instanceof Response) return activity
  return htmlPage(
    c,
    200,
    wrapUpPage({
      who,
      activity,
      records: await activityRecords(c.var.playground.emulator, who.user, activity),
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
  const activity = await wrapUpActivity(c, who)
  if (activity instanceof Response) return activity
  const { emulator } = c.var.playground
  const sent = { notes: form.get("notes") ?? "", callResult: form.get("callResult") ?? "" }
  const fields = decodeWrapUpForm(sent)
  if (Either.isLeft(fields)) {
    const records = await activityRecords(emulator, who.user, activity)
    const error = ParseResult.ArrayFormatter.formatErrorSync(fields.left)[0]?.message ?? "The wrap-up form is invalid."
    return htmlPage(c, 400, wrapUpPage({ who, activity, records, ...sent, error }))
  }
  const { notes, callResult } = fields.right
  const outcome = await Effect.runPromise(
    Effect.either(
      emulator.wrapUpActivity(who.user.signInId, activity.id, {
        notes,
        ...(callResult === "" ? {} : { callResult }),
      }),
    ),
  )
  if (Either.isLeft(outcome)) {
    return outcome.left.reason === "AccessDenied"
      ? channelDenied(c, who, activity)
      : errorResponse(c, 500, "Wrap-up Not Saved", outcome.left.message, who)
  }
  switch (outcome.right.status) {
    case "OK":
      return redirectTo(c, `${detailUrl("Activity", activity.id)}&saved=ok`)
    case "Activity has already been wrapped up":
      return redirectTo(c, `${detailUrl("Activity", activity.id)}&saved=already`)
    case "Activity not found":
      return notFound(c, who, `There is no activity with the Record Id ${activity.id}.`)
    default:
      return errorResponse(c, 500, "Wrap-up Not Saved", "The wrap-up could not be saved. Please try again.", who)
  }
})

export const activityRoutes: ReadonlyArray<Route> = [
  { path: DetailPaths.Activity, get: showActivity },
  { path: WrapUpPath, get: showWrapUp, post: saveWrapUp },
]
