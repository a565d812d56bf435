import type * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import {
  type CtiCommand,
  type CtiCommandName,
  ScreenPopCommand,
  type ServletParameters,
  WrapUpCommand,
} from "../CtiCommand.js"

export type Field = keyof typeof ServletParameters

export interface CommandSpec {
  /** The command's parameters after `Command`, in the order they are checked and written. */
  readonly fields: ReadonlyArray<Exclude<Field, "command">>
  readonly decode: (values: unknown) => Either.Either<CtiCommand, ParseResult.ParseError>
  readonly encode: (command: CtiCommand) => Either.Either<Readonly<Record<string, string>>, ParseResult.ParseError>
}

const options = { errors: "first" } as const

const specOf = <A extends CtiCommand, I extends Readonly<Record<string, string>>>(
  schema: Schema.Schema<A, I>,
  fields: CommandSpec["fields"],
): CommandSpec => ({
  fields,
  decode: Schema.decodeUnknownEither(schema, options),
  encode: Schema.encodeUnknownEither(schema, options),
})

export const commandSpecs: { readonly [C in CtiCommandName]: CommandSpec } = {
  ScreenPop: specOf(ScreenPopCommand, ["recordType", "recordId", "channelType"]),
  WrapUp: specOf(WrapUpCommand, ["interactionId", "agentOfferTime"]),
}

export const isCommandName = (value: string): value is CtiCommandName => Object.hasOwn(commandSpecs, value)
