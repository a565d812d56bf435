import { DemoUsers } from "@crmod-cti/emulator"
import { startPlayground } from "./server/startPlayground.js"

// `npm start`: the playground on HOST:PORT; the demo sign-in is printed while its password is the default.
try {
  const playground = await startPlayground({ env: process.env })
  const signIn =
    playground.defaultPassword === null
      ? [`Sign in as ${DemoUsers.mosDef} with the password set in CTI_DEMO_PASSWORD.`]
      : [
          `Sign in as ${DemoUsers.mosDef} with the password "${playground.defaultPassword}"`,
          `  (also ${DemoUsers.callAgent}: calls only; ${DemoUsers.noCti}: no CTI privilege).`,
        ]
  console.log([`CRM On Demand playground: ${playground.url}/`, ...signIn, "Press Ctrl+C to stop."].join("\n"))
  const stop = () => {
    playground.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once("SIGINT", stop)
  process.once("SIGTERM", stop)
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error))
  process.exitCode = 1
}
