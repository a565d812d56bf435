import { fileURLToPath } from "node:url"
import { bundleScript } from "@crmod-cti/testing"

export { type Child, startChild } from "@crmod-cti/testing"

/** A script bundled for a process of its own (by default the child the tests start and kill with SIGKILL). */
export const bundleChild = (
  entry: string = fileURLToPath(new URL("../fixtures/child.ts", import.meta.url)),
): Promise<string> => bundleScript(entry)
