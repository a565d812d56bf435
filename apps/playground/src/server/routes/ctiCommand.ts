import { type CtiUser, mayAccessAll } from "@crmod-cti/core"
import type { Activity } from "@crmod-cti/emulator"
import { parseCtiCommand, type ScreenPopCommand, ServletParameters, type WrapUpCommand } from "@crmod-cti/servlet-urls"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { PlaygroundContext, Route } from "../app/Playground.js"
import { companyActivity, companyRecord } from "../crm/lookups.js"
import { html } from "../html.js"
import { readForm } from "../http/forms.js"
import { redirectTo } from "../http/responses.js"
import { logonUrl } from "../http/safeNext.js"
import type { SignedIn } from "../session/signedIn.js"
import { activityLink, detailUrl, wrapUpUrl } from "../views/recordLinks.js"
import { accessDenied, badParameter, errorResponse, notFound, unsupportedForm } from "./errors.js"
import { CtiCommandServletPath } from "./servletPath.js"

const channelDenied = (c: PlaygroundContext, who: SignedIn, activity: Activity) =>
  accessDenied(
    c,
    who,
    `Your role has no Access ${activity.type} Communications privilege for this ${activity.subtype} activity.`,
  )

const mayAccess = (user: CtiUser, activity: Activity) => mayAccessAll(user.privileges, [activity.subtype])

const screenPop = async (c: PlaygroundContext, who: SignedIn, command: ScreenPopCommand): Promise<Response> => {
  const { emulator } = c.var.playground
  const { recordType, recordId } = command
  if (recordType === "Activity") {
    const activity = await companyActivity(emulator, who.user, recordId)
    if (activity === undefined) return notFound(c, who, `There is no activity with the Record Id ${recordId}.`)
    if (!mayAccess(who.user, activity)) return channelDenied(c, who, activity)
    if (command.channelType !== activity.subtype) {
      return badParameter(
        c,
        who,
        `Invalid value "${command.channelType}" for parameter "${ServletParameters.channelType}": activity ${recordId} is an ${activity.subtype} activity.`,
        ServletParameters.channelType,
      )
    }
    return redirectTo(c, detailUrl("Activity", activity.id), 302)
  }
  const found = await companyRecord(emulator, who.user, recordType, recordId)
  if (found === undefined) return notFound(c, who, `There is no ${recordType} with the Record Id ${recordId}.`)
  return redirectTo(c, detailUrl(recordType, recordId), 302)
}

const wrapUp = async (c: PlaygroundContext, who: SignedIn, command: WrapUpCommand): Promise<Response> => {
  const identity = { InteractionId: command.interactionId, AgentOfferTime: command.agentOfferTime }
  const lookup = await Effect.runPromise(c.var.playground.emulator.findActivity(who.user.company, identity))
  const described = `Interaction Id ${command.interactionId} and Agent Offer Time ${command.agentOfferTime}`
  switch (lookup._tag) {
    case "NotFound":
      return notFound(c, who, `There is no activity with ${described}.`)
    case "Multiple":
      return errorResponse(
        c,
        409,
        "Multiple activites found",
        html`<p>More than one activity has ${described}:</p><ul>${lookup.activities.map((activity) => html`<li>${activityLink(activity)}</li>`)}</ul>`,
        who,
      )
    case "Found":
      return mayAccess(who.user, lookup.activity)
        ? redirectTo(c, wrapUpUrl(lookup.activity.id), 302)
        : channelDenied(c, who, lookup.activity)
  }
}

/** The command's parameters: the query string (GET) or an urlencoded form (POST), or the page why not. */
const parametersOf = async (c: PlaygroundContext, who: SignedIn | undefined): Promise<URLSearchParams | Response> => {
  if (c.req.method !== "POST") return new URL(c.req.url).searchParams
  const body = await readForm(c)
  return body._tag === "Form" ? body.fields : unsupportedForm(c, who)
}

/**
 * The CTICommand servlet (`CONTRACT.md` §7): parameters from the query string (GET) or an urlencoded form (POST),
 * from a CTI application on any origin and without a token: it only navigates. It uses the browser session:
 * without one the user signs in, then comes back to the same command (a POSTed command comes back as its GET URL).
 */
const ctiCommand = async (c: PlaygroundContext): Promise<Response> => {
  const who = c.var.who
  const parameters = await parametersOf(c, who)
  if (parameters instanceof Response) return parameters
  if (who === undefined) return redirectTo(c, logonUrl(`${CtiCommandServletPath}?${parameters}`), 302)
  const command = parseCtiCommand(parameters)
  if (Either.isLeft(command)) return badParameter(c, who, command.left.message, command.left.parameter)
  return command.right.command === "ScreenPop" ? screenPop(c, who, command.right) : wrapUp(c, who, command.right)
}

export const ctiCommandRoutes: ReadonlyArray<Route> = [
  { path: CtiCommandServletPath, get: ctiCommand, post: ctiCommand },
]
