import { type CtiUser, mayAccessAll } from "@crmod-cti/core"
import type { Activity } from "@crmod-cti/emulator"
import {
  CtiCommandPath,
  parseCtiCommand,
  type ScreenPopCommand,
  ServletParameters,
  type WrapUpCommand,
} from "@crmod-cti/servlet-urls"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { companyActivity, companyRecord } from "../crm/lookups.js"
import { html } from "../html.js"
import { type Reply, redirectReply } from "../http/Reply.js"
import { logonUrl } from "../http/safeNext.js"
import type { RequestContext } from "../RequestContext.js"
import { currentUser, type SignedIn } from "../session/signedIn.js"
import { activityLink, detailUrl, wrapUpUrl } from "../views/recordLinks.js"
import { accessDenied, badParameter, errorReply, notFound } from "./errors.js"
import { formOf } from "./guards.js"
import type { Route } from "./Route.js"

/** The servlet below CRM On Demand's base URL (`/OnDemand`). */
export const CtiCommandServletPath = `/OnDemand${CtiCommandPath}`

const channelDenied = (who: SignedIn, activity: Activity) =>
  accessDenied(
    who,
    `Your role has no Access ${activity.type} Communications privilege for this ${activity.subtype} activity.`,
  )

const mayAccess = (user: CtiUser, activity: Activity) => mayAccessAll(user.privileges, [activity.subtype])

const screenPop = async (ctx: RequestContext, who: SignedIn, command: ScreenPopCommand): Promise<Reply> => {
  const { recordType, recordId } = command
  if (recordType === "Activity") {
    const activity = await companyActivity(ctx.app, who.user, recordId)
    if (activity === undefined) return notFound(who, `There is no activity with the Record Id ${recordId}.`)
    if (!mayAccess(who.user, activity)) return channelDenied(who, activity)
    if (command.channelType !== activity.subtype) {
      return badParameter(
        who,
        `Invalid value "${command.channelType}" for parameter "${ServletParameters.channelType}": activity ${recordId} is an ${activity.subtype} activity.`,
        ServletParameters.channelType,
      )
    }
    return redirectReply(detailUrl("Activity", activity.id), 302)
  }
  const found = await companyRecord(ctx.app, who.user, recordType, recordId)
  if (found === undefined) return notFound(who, `There is no ${recordType} with the Record Id ${recordId}.`)
  return redirectReply(detailUrl(recordType, recordId), 302)
}

const wrapUp = async (ctx: RequestContext, who: SignedIn, command: WrapUpCommand): Promise<Reply> => {
  const identity = { InteractionId: command.interactionId, AgentOfferTime: command.agentOfferTime }
  const lookup = await Effect.runPromise(ctx.app.emulator.findActivity(who.user.company, identity))
  const described = `Interaction Id ${command.interactionId} and Agent Offer Time ${command.agentOfferTime}`
  switch (lookup._tag) {
    case "NotFound":
      return notFound(who, `There is no activity with ${described}.`)
    case "Multiple":
      return errorReply(
        409,
        "Multiple activites found",
        html`<p>More than one activity has ${described}:</p><ul>${lookup.activities.map((activity) => html`<li>${activityLink(activity)}</li>`)}</ul>`,
        who,
      )
    case "Found":
      return mayAccess(who.user, lookup.activity)
        ? redirectReply(wrapUpUrl(lookup.activity.id), 302)
        : channelDenied(who, lookup.activity)
  }
}

/**
 * The CTICommand servlet (`CONTRACT.md` §7): parameters from the query string (GET) or an urlencoded form (POST).
 * It uses the browser session: without one the user signs in, then comes back to the same command (a POSTed
 * command comes back as its GET URL).
 */
const ctiCommand = async (ctx: RequestContext): Promise<Reply> => {
  const who = await currentUser(ctx)
  let parameters = ctx.url.searchParams
  if (ctx.method === "POST") {
    const form = await formOf(ctx, who)
    if (!(form instanceof URLSearchParams)) return form
    parameters = form
  }
  if (who === undefined) return redirectReply(logonUrl(`${CtiCommandServletPath}?${parameters}`), 302)
  const command = parseCtiCommand(parameters)
  if (Either.isLeft(command)) return badParameter(who, command.left.message, command.left.parameter)
  return command.right.command === "ScreenPop" ? screenPop(ctx, who, command.right) : wrapUp(ctx, who, command.right)
}

export const ctiCommandRoutes: ReadonlyArray<Route> = [
  { path: CtiCommandServletPath, get: ctiCommand, post: ctiCommand },
]
