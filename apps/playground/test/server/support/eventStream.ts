import type { Browser } from "./Browser.js"

export interface ServerSentEvent {
  readonly event: string
  readonly data: string
}

/** An open Server-Sent Events stream, read event by event. */
export interface EventStream {
  readonly status: number
  readonly contentType: string | null
  /** The next event, skipping comments and `retry:` lines. */
  readonly next: () => Promise<ServerSentEvent>
  readonly close: () => void
}

/** Opens `path` as an EventSource would, with the browser's cookies. */
export const openEventStream = async (browser: Browser, path: string): Promise<EventStream> => {
  const abort = new AbortController()
  const response = await fetch(new URL(path, browser.baseUrl), {
    headers: {
      accept: "text/event-stream",
      cookie: [...browser.cookies].map(([name, value]) => `${name}=${value}`).join("; "),
    },
    signal: abort.signal,
  })
  const reader = response.body?.getReader()
  const decoder = new TextDecoder()
  let buffered = ""
  const next = async (): Promise<ServerSentEvent> => {
    for (;;) {
      const end = buffered.indexOf("\n\n")
      if (end >= 0) {
        const block = buffered.slice(0, end)
        buffered = buffered.slice(end + 2)
        const fields = new Map(
          block
            .split("\n")
            .filter((line) => !line.startsWith(":") && line.includes(": "))
            .map((line) => [line.slice(0, line.indexOf(": ")), line.slice(line.indexOf(": ") + 2)] as const),
        )
        const event = fields.get("event")
        if (event !== undefined) return { event, data: fields.get("data") ?? "" }
        continue
      }
      const chunk = await reader?.read()
      if (chunk === undefined || chunk.done) throw new Error("The event stream ended")
      buffered += decoder.decode(chunk.value, { stream: true })
    }
  }
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    next,
    close: () => abort.abort(),
  }
}
