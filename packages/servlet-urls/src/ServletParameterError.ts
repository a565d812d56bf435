import * as Data from "effect/Data"
import type { ServletParameterName } from "./CtiCommand.js"

/**
 * Why a CTICommand request is not a command: a required parameter is absent or empty (`Missing`), a value breaks
 * its parameter's rule or the parameter is repeated (`Invalid`), or `Command` is neither `ScreenPop` nor `WrapUp`
 * (`UnknownCommand`).
 */
export type ServletParameterErrorReason = "Missing" | "Invalid" | "UnknownCommand"

/**
 * A CTICommand parameter error, naming the parameter as the chapter writes it (`Record Type`) and the value
 * received (absent when the parameter was not sent). `message` names both, ready for a 400 page.
 */
export class ServletParameterError extends Data.TaggedError("ServletParameterError")<{
  readonly reason: ServletParameterErrorReason
  readonly parameter: ServletParameterName
  readonly value?: string
  readonly message: string
}> {}
