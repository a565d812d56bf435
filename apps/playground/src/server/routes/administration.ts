import { type Privilege, Privileges } from "@crmod-cti/core"
import { ServicePath } from "@crmod-cti/emulator-http"
import * as Effect from "effect/Effect"
import type { PlaygroundContext, Route } from "../app/Playground.js"
import { htmlPage, redirectTo } from "../http/responses.js"
import { ctiPrivilegesPage, isOwnManagePrivilege } from "../pages/CtiPrivilegesPage.js"
import { CtiPrivilegesPath, WebServicesAdminPath } from "../pages/layout.js"
import { webServicesAdminPage } from "../pages/WebServicesAdminPage.js"
import { hasPrivilege, type SignedIn } from "../session/signedIn.js"
import { accessDenied, badParameter, notFound } from "./errors.js"
import { signedIn, signedInForm } from "./guards.js"

/** Administration is for users whose role has Manage CTI On Demand Access; others get `Access Denied`. */
const administrator =
  <A extends ReadonlyArray<unknown>>(handler: (c: PlaygroundContext, who: SignedIn, ...rest: A) => Promise<Response>) =>
  (c: PlaygroundContext, who: SignedIn, ...rest: A): Promise<Response> =>
    hasPrivilege(who, "Manage CTI On Demand Access")
      ? handler(c, who, ...rest)
      : Promise.resolve(accessDenied(c, who, "Administration needs the Manage CTI On Demand Access privilege."))

const companyUsers = (c: PlaygroundContext, who: SignedIn) =>
  Effect.runPromise(c.var.playground.emulator.administration.users(who.user.company))

const showWebServices = signedIn(
  administrator(async (c, who) =>
    htmlPage(c, 200, webServicesAdminPage({ who, endpoint: `${c.var.origin}${ServicePath}` })),
  ),
)

const showPrivileges = signedIn(
  administrator(async (c, who) => {
    const users = await companyUsers(c, who)
    const saved = c.req.query("saved")
    return htmlPage(
      c,
      200,
      ctiPrivilegesPage({
        who,
        users,
        ...(saved !== undefined && users.some((user) => user.signInId === saved) ? { saved } : {}),
      }),
    )
  }),
)

const isPrivilege = (value: string): value is Privilege => (Privileges as ReadonlyArray<string>).includes(value)

/** Replaces one user's CTI privileges; the emulator reads privileges afresh, so the next request sees them. */
const savePrivileges = signedInForm(
  administrator(async (c, who, form: URLSearchParams) => {
    const signInId = form.get("user") ?? ""
    const user = (await companyUsers(c, who)).find((candidate) => candidate.signInId === signInId)
    if (user === undefined) return notFound(c, who, `There is no user ${signInId} in ${who.user.company}.`)
    const sent = form.getAll("privilege")
    const unknown = sent.find((value) => !isPrivilege(value))
    if (unknown !== undefined) {
      return badParameter(c, who, `Invalid value "${unknown}" for parameter "privilege".`, "privilege")
    }
    const kept = Privileges.filter((privilege) => isOwnManagePrivilege(who, user, privilege))
    const privileges = [...new Set([...sent.filter(isPrivilege), ...kept])]
    await Effect.runPromise(
      Effect.orDie(c.var.playground.emulator.administration.setPrivileges(user.signInId, privileges)),
    )
    return redirectTo(c, `${CtiPrivilegesPath}?saved=${encodeURIComponent(user.signInId)}`)
  }),
)

export const administrationRoutes: ReadonlyArray<Route> = [
  { path: WebServicesAdminPath, get: showWebServices },
  { path: CtiPrivilegesPath, get: showPrivileges, post: savePrivileges },
]
