// One process of a fleet whose user's slots come from a rate-limiting library over Redis (`librarySlots`), started
// by `fleet-alternatives.bench.ts`: otherwise what the tests' `fleetChild` does (`runFleetProcess`).
import { makePromiseClient } from "@crmod-cti/soap-http"
import { destroyAgents, makeKeepAliveAgents, nodeSend } from "@crmod-cti/transport-node"
import { type FleetProcessConfig, runFleetProcess } from "../test/fixtures/fleetProcess.js"
import { type LibraryConfig, librarySlots } from "./librarySlots.js"

interface Config extends FleetProcessConfig {
  readonly redis: string
  readonly keyPrefix: string
  readonly library: LibraryConfig
}

const config = JSON.parse(process.argv[2] ?? "{}") as Config

const library = await librarySlots(config.redis, config.keyPrefix, config.library)
const agents = makeKeepAliveAgents()
const crm = makePromiseClient(
  {
    endpoint: config.endpoint,
    username: config.username,
    password: config.password,
    ...(config.marginMs === undefined ? {} : { pacing: { marginMs: config.marginMs } }),
  },
  nodeSend(agents),
  library.slots,
)
await runFleetProcess(
  {
    insert: crm.insert,
    close: async () => {
      await crm.close()
      destroyAgents(agents)
      await library.close()
    },
  },
  config.prefix,
  config.count,
)
