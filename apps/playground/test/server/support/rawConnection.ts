import * as net from "node:net"

/** A TCP connection to the server, as a slow or greedy client holds it: what it received, and when it closed. */
export interface RawConnection {
  readonly socket: net.Socket
  /** Everything the server sent so far. */
  readonly received: () => string
  /** Settles once the server (or the client) has closed the connection, with what was received. */
  readonly closed: Promise<string>
  /** Settles once the server's answer to a request has arrived in full (its headers and `Content-Length` body). */
  readonly answered: () => Promise<string>
}

export const connect = (url: string): Promise<RawConnection> => {
  const { hostname, port } = new URL(url)
  const socket = net.connect({ host: hostname, port: Number(port) })
  let text = ""
  const waiting = new Set<() => void>()
  socket.setEncoding("utf8")
  socket.on("data", (chunk: string) => {
    text += chunk
    for (const check of [...waiting]) check()
  })
  // A connection the server refuses may be reset rather than closed: either way it is closed.
  socket.on("error", () => undefined)
  const closed = new Promise<string>((resolve) => socket.once("close", () => resolve(text)))
  const answered = () =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const end = text.indexOf("\r\n\r\n")
        const length = /\r\ncontent-length: (\d+)/i.exec(text)
        if (end >= 0 && length !== null && text.length >= end + 4 + Number(length[1])) {
          waiting.delete(check)
          resolve(text)
        }
      }
      waiting.add(check)
      check()
      void closed.then(() => {
        if (waiting.delete(check)) reject(new Error(`Closed before an answer; received ${JSON.stringify(text)}`))
      })
    })
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve({ socket, received: () => text, closed, answered }))
    socket.once("error", reject)
  })
}

/** A complete request that keeps its connection open. */
export const healthRequest = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
