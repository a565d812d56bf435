import { afterEach, describe, expect, it } from "vitest"
import { connect, healthRequest, type RawConnection } from "./support/rawConnection.js"
import { usePlayground } from "./support/testPlayground.js"

// Every timeout at a fiftieth: headers within 200 ms, the request within 600 ms, checked every 40 ms.
const fast = usePlayground({}, { limits: { timeScale: 0.02 } })
// A cap of 5 connections, and the timeouts as they are (idle keep-alive connections stay open meanwhile).
const capped = usePlayground({}, { limits: { connections: 5 } })

const opened: Array<RawConnection> = []
const open = async (url: string) => {
  const connection = await connect(url)
  opened.push(connection)
  return connection
}
afterEach(() => {
  for (const connection of opened.splice(0)) connection.socket.destroy()
})

const healthy = async (url: string) => expect((await fetch(`${url}/healthz`)).status).toBe(200)

describe("A slow client cannot hold a connection (CONTRACT §9: headers 10 s, request 30 s)", () => {
  it("closes a connection whose request headers never complete, answering 408", async () => {
    const slow = await open(fast().url)
    slow.socket.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    await healthy(fast().url)
    expect(await slow.closed).toMatch(/^HTTP\/1\.1 408 /)
  })

  it("closes it even when the headers trickle in, a line at a time (slow loris)", async () => {
    const slow = await open(fast().url)
    slow.socket.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    let lines = 0
    // Bounded: at most 1 000 lines, each 20 ms apart; the server closes long before.
    const trickle = setInterval(() => {
      lines += 1
      if (lines > 1_000 || slow.socket.destroyed) clearInterval(trickle)
      else slow.socket.write(`X-Trickle-${lines}: a\r\n`)
    }, 20)
    try {
      expect(await slow.closed).toMatch(/^HTTP\/1\.1 408 /)
      expect(lines).toBeGreaterThan(0)
    } finally {
      clearInterval(trickle)
    }
  })

  it("closes a connection whose body never completes", async () => {
    const slow = await open(fast().url)
    slow.socket.write(
      "POST /OnDemand/logon HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
        "Content-Length: 1000\r\n\r\nusername=",
    )
    await healthy(fast().url)
    await slow.closed
    expect(slow.socket.destroyed).toBe(true)
  })
})

describe("At most so many connections at once (CONTRACT §9: 1 000; 5 here)", () => {
  it("refuses a connection beyond the cap, and takes one again once a place is free", async () => {
    const holders = await Promise.all(Array.from({ length: 5 }, () => open(capped().url)))
    for (const holder of holders) {
      holder.socket.write(healthRequest)
      expect(await holder.answered()).toMatch(/^HTTP\/1\.1 200 /)
    }
    const sixth = await open(capped().url)
    sixth.socket.write(healthRequest)
    expect(await sixth.closed).toBe("")

    holders[0]?.socket.destroy()
    // The server learns of the close on its own time: try again, a bounded number of times, until it answers.
    for (let attempt = 1; ; attempt++) {
      const next = await open(capped().url)
      next.socket.write(healthRequest)
      const answer = await Promise.race([next.answered(), next.closed])
      if (answer.startsWith("HTTP/1.1 200 ")) break
      expect(attempt).toBeLessThan(50)
    }
  })
})
