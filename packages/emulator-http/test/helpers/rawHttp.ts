import * as net from "node:net"

export interface RawHttpResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  /** Whether the request's body had been sent whole when the answer came. */
  readonly requestComplete: boolean
}

const parse = (text: string): { head: RawHttpResponse; length: number; headEnd: number } | undefined => {
  const headEnd = text.indexOf("\r\n\r\n")
  if (headEnd < 0) return undefined
  const [statusLine = "", ...lines] = text.slice(0, headEnd).split("\r\n")
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(":")
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  const head = { status: Number(statusLine.split(" ")[1]), headers, body: "", requestComplete: false }
  return { head, length: Number(headers["content-length"] ?? "0"), headEnd: headEnd + 4 }
}

/**
 * Sends an HTTP/1.1 request as raw bytes: the head, then each body part in turn (each `pause` ms after the
 * last) unless the answer has come already, and resolves with the first complete answer.
 */
export const rawHttp = (
  url: string,
  head: string,
  parts: ReadonlyArray<string | Uint8Array> = [],
  pause = 5,
): Promise<RawHttpResponse> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url)
    const socket = net.connect(Number(port), hostname)
    let received = Buffer.alloc(0)
    let sent = 0
    let answered = false
    socket.on("data", (chunk) => {
      received = Buffer.concat([received, chunk])
      const parsed = parse(received.toString("latin1"))
      if (parsed === undefined || received.length < parsed.headEnd + parsed.length) return
      answered = true
      const body = received.subarray(parsed.headEnd, parsed.headEnd + parsed.length).toString("utf8")
      resolve({ ...parsed.head, body, requestComplete: sent === parts.length })
      socket.destroy()
    })
    socket.on("error", (error) => {
      if (!answered) reject(error)
    })
    const next = () => {
      if (answered || socket.destroyed) return
      const part = parts[sent]
      if (part === undefined) return
      socket.write(part)
      sent += 1
      setTimeout(next, pause)
    }
    socket.write(head.replaceAll("\n", "\r\n").replace(/(\r\n)?$/, "\r\n\r\n"), () => setTimeout(next, pause))
  })

/** One chunk of a chunked body. */
export const chunk = (data: string): string => `${Buffer.byteLength(data).toString(16)}\r\n${data}\r\n`
