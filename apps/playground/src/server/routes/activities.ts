import { mayAccessAll } from "@crmod-cti/core"
import type { Activity } from "@crmod-cti/emulator"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { CallResults, MaxNotesLength } from "../crm/callResults.js"
import { activityRecords, companyActivity } from "../crm/lookups.js"
import { pageReply, type Reply, redirectReply } from "../http/Reply.js"
import { activityPage, type WrapUpSaved } from "../pages/ActivityPage.js"
import { wrapUpPage } from "../pages/WrapUpPage.js"
import type { RequestContext } from "../RequestContext.js"
import type { SignedIn } from "../session/signedIn.js"
import { DetailPaths, detailUrl, WrapUpPath } from "../views/recordLinks.js"
import { accessDenied, badParameter, errorReply, notFound } from "./errors.js"
import { signedIn, signedInForm } from "./guards.js"
import type { Route } from "./Route.js"

/** The activity named by `?id=`, of the user's company and of a channel the user may access, or the page why not. */
const activityOf = async (ctx: RequestContext, who: SignedIn): Promise<Activity | Reply> => {
  const id = ctx.url.searchParams.get("id")
  if (id === null || id === "") return badParameter(who, `Missing parameter "id": which activity to show.`, "id")
  const activity = await companyActivity(ctx.app, who.user, id)
  if (activity === undefined) return notFound(who, `There is no activity with the Record Id ${id}.`)
  if (!mayAccessAll(who.user.privileges, [activity.subtype])) {
    return accessDenied(who, `Your role has no Access ${activity.type} Communications privilege.`)
  }
  return activity
}

const isReply = (value: Activity | Reply): value is Reply => "_tag" in value

const savedStates: ReadonlyArray<string> = ["ok", "already"] satisfies ReadonlyArray<WrapUpSaved>

const showActivity = signedIn(async (ctx, who) => {
  const activity = await activityOf(ctx, who)
  if (isReply(activity)) return activity
  const saved = ctx.url.searchParams.get("saved")
  return pageReply(
    200,
    activityPage({
      who,
      activity,
      records: await activityRecords(ctx.app, who.user, activity),
      ...(saved !== null && savedStates.includes(saved) ? { saved: saved as WrapUpSaved } : {}),
    }),
  )
})

const showWrapUp = signedIn(async (ctx, who) => {
  const activity = await activityOf(ctx, who)
  if (isReply(activity)) return activity
  return pageReply(
    200,
    wrapUpPage({
      who,
      activity,
      records: await activityRecords(ctx.app, who.user, activity),
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
const saveWrapUp = signedInForm(async (ctx, who, form) => {
  const activity = await activityOf(ctx, who)
  if (isReply(activity)) return activity
  const sent = { notes: form.get("notes") ?? "", callResult: form.get("callResult") ?? "" }
  const fields = decodeWrapUpForm(sent)
  if (Either.isLeft(fields)) {
    const records = await activityRecords(ctx.app, who.user, activity)
    const error = ParseResult.ArrayFormatter.formatErrorSync(fields.left)[0]?.message ?? "The wrap-up form is invalid."
    return pageReply(400, wrapUpPage({ who, activity, records, ...sent, error }))
  }
  const { notes, callResult } = fields.right
  const outcome = await Effect.runPromise(
    Effect.either(
      ctx.app.emulator.wrapUpActivity(who.user.signInId, activity.id, {
        notes,
        ...(callResult === "" ? {} : { callResult }),
      }),
    ),
  )
  if (Either.isLeft(outcome)) {
    return outcome.left.reason === "AccessDenied"
      ? accessDenied(who, `Your role has no Access ${activity.type} Communications privilege.`)
      : errorReply(500, "Wrap-up Not Saved", outcome.left.message, who)
  }
  switch (outcome.right.status) {
    case "OK":
      return redirectReply(`${detailUrl("Activity", activity.id)}&saved=ok`)
    case "Activity has already been wrapped up":
      return redirectReply(`${detailUrl("Activity", activity.id)}&saved=already`)
    case "Activity not found":
      return notFound(who, `There is no activity with the Record Id ${activity.id}.`)
    default:
      return errorReply(500, "Wrap-up Not Saved", "The wrap-up could not be saved. Please try again.", who)
  }
})

export const activityRoutes: ReadonlyArray<Route> = [
  { path: DetailPaths.Activity, get: showActivity },
  { path: WrapUpPath, get: showWrapUp, post: saveWrapUp },
]
