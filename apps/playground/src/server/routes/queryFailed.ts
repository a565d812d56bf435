import type { CrmQueryError } from "@crmod-cti/emulator"
import type { Context } from "hono"
import type { SignedIn } from "../session/signedIn.js"
import { accessDenied, errorResponse, notFound } from "./errors.js"

/** The page of a query the emulator refused: 404 (not of the user's company), 403 (not theirs), 400. */
export const queryFailed = (c: Context, who: SignedIn, error: CrmQueryError): Response => {
  switch (error.reason) {
    case "NotFound":
      return notFound(c, who, error.message)
    case "Forbidden":
      return accessDenied(c, who, error.message)
    case "InvalidPage":
      return errorResponse(c, 400, "Invalid Request", error.message, who)
  }
}
