import { type Privilege, Privileges } from "@crmod-cti/core"
import type { CtiUser } from "@crmod-cti/core"
import { ServicePath } from "@crmod-cti/emulator-http"
import * as Either from "effect/Either"
import type { PlaygroundContext, Route } from "../app/Playground.js"
import { runQuery } from "../crm/runQuery.js"
import { htmlPage, redirectTo } from "../http/responses.js"
import { ctiPrivilegesPage } from "../pages/CtiPrivilegesPage.js"
import { CtiPrivilegesPath, WebServicesAdminPath } from "../pages/layout.js"
import { webServicesAdminPage } from "../pages/WebServicesAdminPage.js"
import type { SignedIn } from "../session/signedIn.js"
import { badParameter } from "./errors.js"
import { signedIn, signedInForm } from "./guards.js"
import { queryFailed } from "./queryFailed.js"

/** Administration pages: the emulator decides who may administer (its refusal is the page's 403). */
const administrator =
  <A extends ReadonlyArray<unknown>>(handler: (c: PlaygroundContext, who: SignedIn, ...rest: A) => Promise<Response>) =>
  async (c: PlaygroundContext, who: SignedIn, ...rest: A): Promise<Response> => {
    const allowed = await runQuery(c.var.playground.emulator.administration.administrator(who.user))
    return Either.isLeft(allowed) ? queryFailed(c, who, allowed.left) : handler(c, who, ...rest)
  }

const showWebServices = signedIn(
  administrator(async (c, who) =>
    htmlPage(c, 200, webServicesAdminPage({ who, endpoint: `${c.var.origin}${ServicePath}` })),
  ),
)

const showPrivileges = signedIn(async (c, who) => {
  const users = await runQuery(c.var.playground.emulator.administration.users(who.user))
  if (Either.isLeft(users)) return queryFailed(c, who, users.left)
  const saved = c.req.query("saved")
  return htmlPage(
    c,
    200,
    ctiPrivilegesPage({
      who,
      users: users.right,
      ...(saved !== undefined && users.right.some((user: CtiUser) => user.signInId === saved) ? { saved } : {}),
    }),
  )
})

const isPrivilege = (value: string): value is Privilege => (Privileges as ReadonlyArray<string>).includes(value)

/** Replaces one user's CTI privileges; the emulator reads privileges afresh, so the next request sees them. */
const savePrivileges = signedInForm(
  administrator(async (c, who, form: URLSearchParams) => {
    const sent = form.getAll("privilege")
    const unknown = sent.find((value) => !isPrivilege(value))
    if (unknown !== undefined) {
      return badParameter(c, who, `Invalid value "${unknown}" for parameter "privilege".`, "privilege")
    }
    const saved = await runQuery(
      c.var.playground.emulator.administration.setPrivileges(
        who.user,
        form.get("user") ?? "",
        sent.filter(isPrivilege),
      ),
    )
    if (Either.isLeft(saved)) return queryFailed(c, who, saved.left)
    return redirectTo(c, `${CtiPrivilegesPath}?saved=${encodeURIComponent(saved.right.signInId)}`)
  }),
)

export const administrationRoutes: ReadonlyArray<Route> = [
  { path: WebServicesAdminPath, get: showWebServices },
  { path: CtiPrivilegesPath, get: showPrivileges, post: savePrivileges },
]
