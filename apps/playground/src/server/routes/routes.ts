import type { Route } from "../app/Playground.js"
import { activityRoutes } from "./activities.js"
import { administrationRoutes } from "./administration.js"
import { communicationsRoutes } from "./communications.js"
import { ctiCommandRoutes } from "./ctiCommand.js"
import { logonRoutes } from "./logon.js"
import { recordDetailRoutes } from "./recordDetails.js"
import { recordsRoutes } from "./records.js"
import { workspaceRoutes } from "./workspace.js"

/** Every page of the playground; the CTI Activity Web service, the WSDL and `/healthz` are served before these. */
export const playgroundRoutes: ReadonlyArray<Route> = [
  ...workspaceRoutes,
  ...logonRoutes,
  ...ctiCommandRoutes,
  ...communicationsRoutes,
  ...recordsRoutes,
  ...recordDetailRoutes,
  ...activityRoutes,
  ...administrationRoutes,
]
