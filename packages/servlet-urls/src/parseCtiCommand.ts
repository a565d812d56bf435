import * as Either from "effect/Either"
import { type CtiCommand, type ServletParameterName, ServletParameters } from "./CtiCommand.js"
import { commandSpecs, isCommandName } from "./internal/commandSpecs.js"
import { parameterErrorOf, missingParameter, repeatedParameter, unknownCommand } from "./internal/parameterErrors.js"
import { readParameters } from "./internal/readParameters.js"
import type { ServletParameterError } from "./ServletParameterError.js"

/** A parameter's single value: absent, or the one sent. Sent twice is an error: which one would the servlet take? */
const single = (
  parameters: URLSearchParams,
  name: ServletParameterName,
): Either.Either<string | undefined, ServletParameterError> => {
  const values = parameters.getAll(name)
  return values.length > 1 ? Either.left(repeatedParameter(name, values)) : Either.right(values[0])
}

/**
 * Read a CTICommand request: a GET URL (absolute, or the request target `/OnDemand/user/CTICommand?…`), its query
 * string, or a POST form body. `+` and `%20` both mean a space, in names and values; parameters come in any order;
 * parameters the command does not use are ignored; an empty value counts as absent (an HTML form sends its empty
 * fields). The first broken rule is the error.
 */
export const parseCtiCommand = (
  input: URL | string | URLSearchParams,
): Either.Either<CtiCommand, ServletParameterError> => {
  const parameters = readParameters(input)
  return Either.gen(function* () {
    const command = yield* single(parameters, ServletParameters.command)
    if (command === undefined || command === "") return yield* Either.left(missingParameter("Command", command))
    if (!isCommandName(command)) return yield* Either.left(unknownCommand(command))
    const spec = commandSpecs[command]
    const sent: Record<string, string> = {}
    const values: Record<string, string> = { command }
    for (const field of spec.fields) {
      const value = yield* single(parameters, ServletParameters[field])
      if (value === undefined) continue
      sent[field] = value
      if (value !== "") values[field] = value
    }
    return yield* Either.mapLeft(spec.decode(values), (error) => parameterErrorOf(error, values, sent))
  })
}
