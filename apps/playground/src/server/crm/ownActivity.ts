import type { CtiUser } from "@crmod-cti/core"
import type { Activity, EmulatorShape } from "@crmod-cti/emulator"
import { companyActivity } from "./lookups.js"

/** An activity as the wrap-up page may act on it: the user's own, another agent's, or none of the company. */
export type OwnActivity =
  | { readonly _tag: "Own"; readonly activity: Activity }
  | { readonly _tag: "Others" }
  | { readonly _tag: "NotFound" }

/**
 * Agents stay apart (`CONTRACT.md` §9): the wrap-up page and its Save act only on the signed-in user's own
 * activities. The one place that decides it.
 */
export const ownActivity = async (emulator: EmulatorShape, user: CtiUser, id: string): Promise<OwnActivity> => {
  const activity = await companyActivity(emulator, user, id)
  if (activity === undefined) return { _tag: "NotFound" }
  return activity.owner === user.signInId ? { _tag: "Own", activity } : { _tag: "Others" }
}
