import { CtiCommandPath } from "../CtiCommand.js"

/**
 * `<base>/user/CTICommand?<parameters>`, spaces as `%20` like a URL's query usually has them. `URLSearchParams`
 * writes a `+` in a name or value as `%2B`, so every `+` it writes is a space.
 */
export const commandUrl = (baseUrl: string, parameters: URLSearchParams): string =>
  `${baseUrl.replace(/\/+$/, "")}${CtiCommandPath}?${parameters.toString().replaceAll("+", "%20")}`
