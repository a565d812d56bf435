import type { CtiUser } from "@crmod-cti/core"
import type { Activity, ServiceRequest } from "./Records.js"

/** What changed in the emulator, for pages that update live (a new interaction on the Communications tab). */
export type EmulatorChange =
  | {
      readonly _tag: "ActivityCreated"
      readonly activity: Activity
      /** The service request `CreateServiceRequest` created with it. */
      readonly serviceRequest?: ServiceRequest
    }
  | { readonly _tag: "ActivityWrappedUp"; readonly activity: Activity }
  | { readonly _tag: "PrivilegesChanged"; readonly user: CtiUser }
