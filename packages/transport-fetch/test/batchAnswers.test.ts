import { batchAnswers, type FetchHandler } from "@crmod-cti/transport-fetch"
import { describe, expect, it } from "vitest"

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** A handler that answers each request at once with its path, or fails for `/fail`. */
const echo: FetchHandler = async (request) => {
  const path = new URL(request.url).pathname
  if (path === "/fail") throw new Error("handler failed")
  return new Response(path)
}

const request = (path: string) => new Request(`http://127.0.0.1${path}`)

describe("batchAnswers: the answers of one turn of the event loop are handed over together after it", () => {
  it("holds each answer until the turn's callbacks are done, then settles them in the order they were ready", async () => {
    const handler = batchAnswers(echo)
    const settled: Array<string> = []
    const answers = ["/a", "/b", "/c"].map((path) =>
      handler(request(path)).then((response) => {
        settled.push(path)
        return response.text()
      }),
    )
    // The inner handler has answered (its promises settle in microtasks), but still in this turn: nothing handed over.
    for (let i = 0; i < 10; i++) await Promise.resolve()
    expect(settled).toEqual([])
    await nextTurn()
    expect(settled).toEqual(["/a", "/b", "/c"])
    expect(await Promise.all(answers)).toEqual(["/a", "/b", "/c"])
  })

  it("hands a failure over the same way, the error itself", async () => {
    const handler = batchAnswers(echo)
    const outcomes: Array<string> = []
    const failed = handler(request("/fail")).catch((error: Error) => outcomes.push(error.message))
    const answered = handler(request("/ok")).then(() => outcomes.push("/ok"))
    for (let i = 0; i < 10; i++) await Promise.resolve()
    expect(outcomes).toEqual([])
    await nextTurn()
    await Promise.all([failed, answered])
    expect(outcomes).toEqual(["handler failed", "/ok"])
  })

  it("an answer ready in a later turn goes out with that turn's batch", async () => {
    let release: (() => void) | undefined
    const slow: FetchHandler = (incoming) =>
      new Promise((resolve) => {
        release = () => resolve(new Response(new URL(incoming.url).pathname))
      })
    const handler = batchAnswers(slow)
    let answer: string | undefined
    const pending = handler(request("/slow")).then(async (response) => {
      answer = await response.text()
    })
    await nextTurn()
    expect(answer).toBeUndefined()
    release?.()
    await pending
    expect(answer).toBe("/slow")
  })
})
