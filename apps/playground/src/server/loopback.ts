import { isIP } from "node:net"

/**
 * Whether a listen address is reachable from this machine only: `localhost`, `127.0.0.0/8`, `::1` and their
 * IPv4-mapped forms. Any other name counts as public: what it resolves to is not ours to guess.
 */
export const isLoopbackHost = (host: string): boolean => {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
  if (bare === "localhost") return true
  const mapped = bare.replace(/^::ffff:/, "")
  if (isIP(mapped) === 4) return mapped.startsWith("127.")
  return isIP(bare) === 6 && (bare === "::1" || bare === "0:0:0:0:0:0:0:1")
}
