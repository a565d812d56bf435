import * as Either from "effect/Either"
import { type CtiCommand, ServletParameters } from "./CtiCommand.js"
import { commandUrl } from "./internal/commandUrl.js"
import { commandSpecs, isCommandName } from "./internal/commandSpecs.js"
import { parameterErrorOf, unknownCommand } from "./internal/parameterErrors.js"
import type { ServletParameterError } from "./ServletParameterError.js"

/**
 * A command's servlet parameters, `Command` first then the chapter's order, after checking the command against
 * the chapter's rules (a typed command can still be too long, negative or an Activity without a channel type).
 */
export const encodeCtiCommand = (command: CtiCommand): Either.Either<URLSearchParams, ServletParameterError> => {
  // Callers without types can pass anything.
  if (!isCommandName(command.command)) return Either.left(unknownCommand(String(command.command)))
  const spec = commandSpecs[command.command]
  return Either.map(
    Either.mapLeft(spec.encode(command), (error) => parameterErrorOf(error, command)),
    (encoded) => {
      const parameters = new URLSearchParams({ [ServletParameters.command]: command.command })
      for (const field of spec.fields) {
        const value = encoded[field]
        if (value !== undefined) parameters.append(ServletParameters[field], value)
      }
      return parameters
    },
  )
}

/**
 * The command's parameters, for `fetch` bodies or forms.
 * @throws ServletParameterError when the command breaks a rule of the chapter (see `encodeCtiCommand`).
 */
export const ctiCommandParameters = (command: CtiCommand): URLSearchParams =>
  Either.getOrThrowWith(encodeCtiCommand(command), (error) => error)

/**
 * An `application/x-www-form-urlencoded` body for `POST <base>/user/CTICommand` (spaces written `+`, as forms do).
 * @throws ServletParameterError when the command breaks a rule of the chapter.
 */
export const buildCtiCommandForm = (command: CtiCommand): string => ctiCommandParameters(command).toString()

/**
 * The GET URL of a command: `<base>/user/CTICommand?Command=…`, spaces written `%20`. The base is CRM On Demand's
 * (`https://secure-ausomxxxx.crmondemand.com/OnDemand`), the playground's, or a path (`/OnDemand`) on the page's own
 * server; a trailing slash is ignored.
 * @throws ServletParameterError when the command breaks a rule of the chapter.
 */
export const buildCtiCommandUrl = (baseUrl: string, command: CtiCommand): string =>
  commandUrl(baseUrl, ctiCommandParameters(command))
