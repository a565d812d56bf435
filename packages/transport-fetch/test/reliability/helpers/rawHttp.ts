import * as http from "node:http"

export interface Answer {
  readonly status: number
  readonly contentType: string | undefined
  readonly body: string
}

export interface PostOptions {
  readonly agent: http.Agent
  /** Send the body in 64 KB chunks with no `content-length` (`transfer-encoding: chunked`). */
  readonly chunked?: boolean
}

const ChunkBytes = 64 * 1024

const collect = (res: http.IncomingMessage, resolve: (answer: Answer) => void) => {
  const chunks: Array<Buffer> = []
  res.on("data", (chunk: Buffer) => chunks.push(chunk))
  res.on("end", () =>
    resolve({
      status: res.statusCode ?? 0,
      contentType: res.headers["content-type"],
      body: Buffer.concat(chunks).toString("utf8"),
    }),
  )
  res.on("error", () => undefined)
}

/**
 * POSTs a body as it is and resolves with the whole answer, even when the server answers and closes the
 * connection before taking all of the body (as it does past the size limit): a write error after the answer is
 * not the answer's.
 */
export const post = (url: string, body: string | Buffer, options: PostOptions): Promise<Answer> =>
  new Promise((resolve, reject) => {
    let answered = false
    const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body
    const req = http.request(
      url,
      {
        method: "POST",
        agent: options.agent,
        headers: {
          "content-type": "text/xml; charset=utf-8",
          ...(options.chunked === true ? {} : { "content-length": String(bytes.length) }),
        },
      },
      (res) =>
        collect(res, (answer) => {
          answered = true
          resolve(answer)
        }),
    )
    req.on("error", (error) => {
      if (!answered) reject(error)
    })
    if (options.chunked !== true) return void req.end(bytes)
    for (let offset = 0; offset < bytes.length; offset += ChunkBytes)
      req.write(bytes.subarray(offset, offset + ChunkBytes))
    req.end()
  })

export const get = (url: string, agent: http.Agent): Promise<Answer> =>
  new Promise((resolve, reject) => {
    http.get(url, { agent }, (res) => collect(res, resolve)).on("error", reject)
  })
