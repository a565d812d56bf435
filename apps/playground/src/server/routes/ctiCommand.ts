import { parseCtiCommand, type ScreenPopCommand, ServletParameters, type WrapUpCommand } from "@crmod-cti/servlet-urls"
import * as Either from "effect/Either"
import type { PlaygroundContext, Route } from "../app/Playground.js"
import { runQuery } from "../crm/runQuery.js"
import { html } from "../html.js"
import { readForm } from "../http/forms.js"
import { redirectTo } from "../http/responses.js"
import { logonUrl } from "../http/safeNext.js"
import type { SignedIn } from "../session/signedIn.js"
import { activityLink, detailUrl, wrapUpUrl } from "../views/recordLinks.js"
import { badParameter, errorResponse, notFound, unsupportedForm } from "./errors.js"
import { queryFailed } from "./queryFailed.js"
import { CtiCommandServletPath } from "./servletPath.js"

const screenPop = async (c: PlaygroundContext, who: SignedIn, command: ScreenPopCommand): Promise<Response> => {
  const { queries } = c.var.playground.emulator
  const { recordType, recordId } = command
  if (recordType === "Activity") {
    const activity = await runQuery(queries.activity(who.user, recordId))
    if (Either.isLeft(activity)) return queryFailed(c, who, activity.left)
    if (command.channelType !== activity.right.subtype) {
      return badParameter(
        c,
        who,
        `Invalid value "${command.channelType}" for parameter "${ServletParameters.channelType}": activity ${recordId} is an ${activity.right.subtype} activity.`,
        ServletParameters.channelType,
      )
    }
    return redirectTo(c, detailUrl("Activity", activity.right.id), 302)
  }
  const found = await runQuery(queries.record(who.user, recordType, recordId))
  if (Either.isLeft(found)) return queryFailed(c, who, found.left)
  return redirectTo(c, detailUrl(recordType, recordId), 302)
}

const wrapUp = async (c: PlaygroundContext, who: SignedIn, command: WrapUpCommand): Promise<Response> => {
  const { queries } = c.var.playground.emulator
  const identity = { InteractionId: command.interactionId, AgentOfferTime: command.agentOfferTime }
  const lookup = await runQuery(queries.findActivity(who.user, identity))
  if (Either.isLeft(lookup)) return queryFailed(c, who, lookup.left)
  const described = `Interaction Id ${command.interactionId} and Agent Offer Time ${command.agentOfferTime}`
  switch (lookup.right._tag) {
    case "NotFound":
      return notFound(c, who, `There is no activity with ${described}.`)
    case "Multiple":
      return errorResponse(
        c,
        409,
        "Multiple activites found",
        html`<p>More than one activity has ${described}:</p><ul>${lookup.right.activities.map((activity) => html`<li>${activityLink(activity)}</li>`)}</ul>`,
        who,
      )
    case "Found": {
      // Read again as the user may see it: of a channel whose Access privilege they hold.
      const activity = await runQuery(queries.activity(who.user, lookup.right.activity.id))
      return Either.isLeft(activity)
        ? queryFailed(c, who, activity.left)
        : redirectTo(c, wrapUpUrl(activity.right.id), 302)
    }
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
