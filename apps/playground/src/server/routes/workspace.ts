import { access } from "node:fs/promises"
import { join } from "node:path"
import { DemoValues } from "@crmod-cti/emulator"
import { ServicePath } from "@crmod-cti/emulator-http"
import type { Route } from "../app/Playground.js"
import { htmlPage } from "../http/responses.js"
import { workspacePage } from "../pages/WorkspacePage.js"
import { signedIn } from "./guards.js"

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  )

/** The agent's workspace at `/`: the CRM beside the softphone, and what the softphone needs to know. */
const showWorkspace = signedIn(async (c, who) =>
  htmlPage(
    c,
    200,
    workspacePage({
      who,
      softphoneBuilt: await exists(join(c.var.playground.softphoneDir, "softphone.js")),
      config: {
        endpoint: `${c.var.origin}${ServicePath}`,
        ctiBaseUrl: `${c.var.origin}/OnDemand`,
        signInId: who.user.signInId,
        demoPassword: c.var.playground.defaultPassword,
        // Fred Hong's work phone (the chapter's caller) and Jane Doe's email: both pop a contact.
        prefill: { phone: DemoValues.fredHongWorkPhone, email: DemoValues.janeDoeEmail },
      },
    }),
  ),
)

export const workspaceRoutes: ReadonlyArray<Route> = [{ path: "/", get: showWorkspace }]
