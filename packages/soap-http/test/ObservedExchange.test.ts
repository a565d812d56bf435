import { Faults } from "@crmod-cti/core"
import { type HttpSend, makePromiseClient, MaskedPassword, type ObservedExchange } from "@crmod-cti/soap-http"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { calls, endpoint, faultReply, okReply, scripted, transportError, user } from "./helpers.js"

describe("onExchange", () => {
  it("shows every exchange: the request as sent but for the password, the answer, and what failed it", async () => {
    // A rate-limit fault the client retries by itself, a network failure, then answers.
    const { send, sent } = scripted((request, n) =>
      n === 1 ? faultReply(Faults.rateLimited(1)) : n === 2 ? transportError("ConnectionReset") : okReply(request),
    )
    const seen: Array<ObservedExchange> = []
    const crm = makePromiseClient(
      { endpoint, ...user, retry: { initialBackoff: "1 millis" }, onExchange: (exchange) => seen.push(exchange) },
      send,
    )
    const [result] = await crm.insert(calls(1))
    await crm.close()
    expect(result?.Status).toBe("OK")
    expect(seen.map((exchange) => [exchange.operation, exchange.error?.reason, exchange.response?.status])).toEqual([
      ["insert", "RateLimited", 500],
      ["insert", "ConnectionReset", undefined],
      ["insert", undefined, 200],
    ])
    for (const [i, exchange] of seen.entries()) {
      const request = sent[i]!.request
      expect(request.body).toContain(`>${user.password}</wsse:Password>`)
      expect(exchange.request.body).toBe(request.body.replace(`>${user.password}<`, `>${MaskedPassword}<`))
      expect(exchange.request.headers).toEqual(request.headers)
    }
    expect(seen[2]?.response?.body).toContain("A-C1")
  })

  it("shows a request given up after timeoutMs with its Timeout", async () => {
    const { send: answer } = scripted()
    let requests = 0
    const send: HttpSend = (request, signal) => (++requests === 1 ? Effect.never : answer(request, signal))
    const seen: Array<ObservedExchange> = []
    const crm = makePromiseClient(
      {
        endpoint,
        ...user,
        timeoutMs: 20,
        retry: { initialBackoff: "1 millis" },
        onExchange: (exchange) => seen.push(exchange),
      },
      send,
    )
    expect((await crm.insert(calls(1))).map((result) => result.Status)).toEqual(["OK"])
    await crm.close()
    expect(seen.map((exchange) => [exchange.error?.message, exchange.response?.status])).toEqual([
      [`${endpoint}: no answer within 20 ms`, undefined],
      [undefined, 200],
    ])
  })

  it("keeps delivering when the observer throws", async () => {
    const { send } = scripted()
    const crm = makePromiseClient(
      {
        endpoint,
        ...user,
        onExchange: () => {
          throw new Error("observer's bug")
        },
      },
      send,
    )
    expect((await crm.insert(calls(3))).map((result) => result.Status)).toEqual(["OK", "OK", "OK"])
    await crm.close()
  })
})
