import type { ActivityIdentity } from "@crmod-cti/core"
import { type ActivityLookup, DemoPassword, DemoUsers, makeDemoEmulator } from "@crmod-cti/emulator"
import { makeCtiApp, type RunningServer, ServicePath, serve } from "@crmod-cti/emulator-http"
import { Effect } from "effect"

export const mosDef = { username: DemoUsers.mosDef, password: DemoPassword } as const
/** Access Call Communications only. */
export const callAgent = { username: DemoUsers.callAgent, password: DemoPassword } as const

export interface DemoService {
  readonly server: RunningServer
  /** `<url>/Services/Integration` */
  readonly endpoint: string
  /** The demo company's activities with that identity. */
  readonly lookup: (identity: ActivityIdentity) => Promise<ActivityLookup>
}

/** The demo emulator, limiters off (load tests, `CONTRACT.md` §6), behind the CRM side's app (`@crmod-cti/emulator-http`) on 127.0.0.1 and a free port. */
export const startDemoService = async (): Promise<DemoService> => {
  const emulator = await Effect.runPromise(
    makeDemoEmulator({ limits: { rateLimiter: false, operationsAllotment: false } }),
  )
  const server = await serve(makeCtiApp({ authenticator: emulator }))
  return {
    server,
    endpoint: `${server.url}${ServicePath}`,
    lookup: (identity) =>
      Effect.runPromise(
        emulator.queries.findActivity(
          { signInId: DemoUsers.mosDef },
          {
            InteractionId: identity.InteractionId,
            AgentOfferTime: identity.AgentOfferTime,
          },
        ),
      ),
  }
}
