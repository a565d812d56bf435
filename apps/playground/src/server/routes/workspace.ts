import { access } from "node:fs/promises"
import { join } from "node:path"
import { DemoValues } from "@crmod-cti/emulator"
import { ServicePath } from "@crmod-cti/emulator-http"
import { pageReply } from "../http/Reply.js"
import { workspacePage } from "../pages/WorkspacePage.js"
import { signedIn } from "./guards.js"
import type { Route } from "./Route.js"

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  )

/** The agent's workspace at `/`: the CRM beside the softphone, and what the softphone needs to know. */
const showWorkspace = signedIn(async (ctx, who) =>
  pageReply(
    200,
    workspacePage({
      who,
      softphoneBuilt: await exists(join(ctx.app.softphoneDir, "softphone.js")),
      config: {
        endpoint: `${ctx.origin}${ServicePath}`,
        ctiBaseUrl: `${ctx.origin}/OnDemand`,
        signInId: who.user.signInId,
        demoPassword: ctx.app.defaultPassword,
        // Fred Hong's work phone (the chapter's caller) and Jane Doe's email: both pop a contact.
        prefill: { phone: DemoValues.fredHongWorkPhone, email: DemoValues.janeDoeEmail },
      },
    }),
  ),
)

export const workspaceRoutes: ReadonlyArray<Route> = [{ path: "/", get: showWorkspace }]
