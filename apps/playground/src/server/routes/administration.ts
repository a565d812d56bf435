import { type Privilege, Privileges } from "@crmod-cti/core"
import { ServicePath } from "@crmod-cti/emulator-http"
import * as Effect from "effect/Effect"
import { pageReply, type Reply, redirectReply } from "../http/Reply.js"
import { ctiPrivilegesPage, isOwnManagePrivilege } from "../pages/CtiPrivilegesPage.js"
import { CtiPrivilegesPath, WebServicesAdminPath } from "../pages/layout.js"
import { webServicesAdminPage } from "../pages/WebServicesAdminPage.js"
import type { RequestContext } from "../RequestContext.js"
import { hasPrivilege, type SignedIn } from "../session/signedIn.js"
import { accessDenied, badParameter, notFound } from "./errors.js"
import { signedIn, signedInForm } from "./guards.js"
import type { Route } from "./Route.js"

/** Administration is for users whose role has Manage CTI On Demand Access; others get `Access Denied`. */
const administrator =
  <A extends ReadonlyArray<unknown>>(handler: (ctx: RequestContext, who: SignedIn, ...rest: A) => Promise<Reply>) =>
  (ctx: RequestContext, who: SignedIn, ...rest: A): Promise<Reply> =>
    hasPrivilege(who, "Manage CTI On Demand Access")
      ? handler(ctx, who, ...rest)
      : Promise.resolve(accessDenied(who, "Administration needs the Manage CTI On Demand Access privilege."))

const companyUsers = (ctx: RequestContext, who: SignedIn) => Effect.runPromise(ctx.app.emulator.users(who.user.company))

const showWebServices = signedIn(
  administrator(async (ctx, who) =>
    pageReply(200, webServicesAdminPage({ who, endpoint: `${ctx.origin}${ServicePath}` })),
  ),
)

const showPrivileges = signedIn(
  administrator(async (ctx, who) => {
    const users = await companyUsers(ctx, who)
    const saved = ctx.url.searchParams.get("saved")
    return pageReply(
      200,
      ctiPrivilegesPage({
        who,
        users,
        ...(saved !== null && users.some((user) => user.signInId === saved) ? { saved } : {}),
      }),
    )
  }),
)

const isPrivilege = (value: string): value is Privilege => (Privileges as ReadonlyArray<string>).includes(value)

/** Replaces one user's CTI privileges; the emulator reads privileges afresh, so the next request sees them. */
const savePrivileges = signedInForm(
  administrator(async (ctx, who, form: URLSearchParams) => {
    const signInId = form.get("user") ?? ""
    const user = (await companyUsers(ctx, who)).find((candidate) => candidate.signInId === signInId)
    if (user === undefined) return notFound(who, `There is no user ${signInId} in ${who.user.company}.`)
    const sent = form.getAll("privilege")
    const unknown = sent.find((value) => !isPrivilege(value))
    if (unknown !== undefined)
      return badParameter(who, `Invalid value "${unknown}" for parameter "privilege".`, "privilege")
    const kept = Privileges.filter((privilege) => isOwnManagePrivilege(who, user, privilege))
    const privileges = [...new Set([...sent.filter(isPrivilege), ...kept])]
    await Effect.runPromise(Effect.orDie(ctx.app.emulator.setPrivileges(user.signInId, privileges)))
    return redirectReply(`${CtiPrivilegesPath}?saved=${encodeURIComponent(user.signInId)}`)
  }),
)

export const administrationRoutes: ReadonlyArray<Route> = [
  { path: WebServicesAdminPath, get: showWebServices },
  { path: CtiPrivilegesPath, get: showPrivileges, post: savePrivileges },
]
