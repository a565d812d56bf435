import { type CtiFault, Faults } from "@crmod-cti/core"
import { DefaultMaxRequestBytes, type DecodeRequestOptions, decodeRequest } from "@crmod-cti/soap-codec"
import type { Either } from "effect"
import { describe, expect, it } from "vitest"
import { callFields, insertEnvelope, left, right, sample } from "./Helpers.js"

// Generous for a loaded CI machine; each of these takes well under a millisecond.
const budgetMs = 100

/** The fault for a body, decoded after a warm-up run, with how long the decoding took. */
const timedFault = (
  body: string | Uint8Array,
  options: DecodeRequestOptions,
): { readonly fault: CtiFault; readonly ms: number } => {
  decodeRequest(body, options)
  const start = performance.now()
  const result: Either.Either<unknown, CtiFault> = decodeRequest(body, options)
  const ms = performance.now() - start
  return { fault: left(result), ms }
}

const expectQuickClientFault = (
  body: string | Uint8Array,
  message: RegExp | string,
  options: DecodeRequestOptions = {},
) => {
  const { fault, ms } = timedFault(body, options)
  expect(fault.faultCode).toBe("Client")
  if (typeof message === "string") expect(fault.message).toBe(message)
  else expect(fault.message).toMatch(message)
  expect(ms).toBeLessThan(budgetMs)
}

const billionLaughs =
  '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
  Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`).join("") +
  "]>" +
  insertEnvelope(`${callFields}<data:Queue>&lol9;</data:Queue>`)

describe("Entity expansion and DTDs are refused before parsing", () => {
  it("billion laughs", () => {
    expectQuickClientFault(
      billionLaughs,
      "The request contains a DOCTYPE declaration: DTDs and entity declarations are not allowed",
    )
  })

  it("an external entity declared in a DTD", () => {
    const xxe = `<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${insertEnvelope(`${callFields}<data:Queue>&xxe;</data:Queue>`)}`
    expectQuickClientFault(xxe, /DOCTYPE declaration/)
  })

  it("an external entity referenced without a DTD", () => {
    expectQuickClientFault(insertEnvelope(`${callFields}<data:Queue>&xxe;</data:Queue>`), /not well-formed XML/)
  })

  it("an entity declaration outside a DTD", () => {
    expectQuickClientFault(`<!ENTITY x "y">${insertEnvelope(callFields)}`, /entity declaration/)
  })

  it("a processing instruction other than the XML declaration", () => {
    expectQuickClientFault(
      `<?xml version="1.0"?><?xml-stylesheet href="x.xsl"?>${insertEnvelope(callFields)}`,
      "The request contains a processing instruction, which is not allowed",
    )
  })
})

describe("Nesting depth is capped", () => {
  const unlimited = { maxBytes: 64 * 1024 * 1024 }

  it("200 000 nested elements", () => {
    const deep = "<a>".repeat(200_000)
    expectQuickClientFault(deep, "The request nests elements more than 64 deep")
    expectQuickClientFault(
      `${deep}${"</a>".repeat(200_000)}`,
      "The request nests elements more than 64 deep",
      unlimited,
    )
  })

  it("64 levels are read, 65 are not", () => {
    const nested = (depth: number) => `${"<a>".repeat(depth)}${"</a>".repeat(depth)}`
    expect(left(decodeRequest(nested(64))).message).toBe(
      "The request is not a SOAP 1.1 envelope: its root element is a",
    )
    expectQuickClientFault(nested(65), "The request nests elements more than 64 deep")
  })

  it("200 000 nested elements inside an interaction", () => {
    const deep = insertEnvelope(`${callFields}${"<data:Queue>".repeat(200_000)}`)
    expectQuickClientFault(deep, "The request nests elements more than 64 deep", unlimited)
  })
})

describe("The size limit is checked before parsing", () => {
  const big = insertEnvelope(`${callFields}<data:Queue>${"x".repeat(5 * 1024 * 1024)}</data:Queue>`)

  it("a multi-megabyte body as text", () => {
    expectQuickClientFault(big, "Request exceeded the limit of 1024 KB.")
    expect(left(decodeRequest(big))).toEqual(Faults.requestTooLarge(1024))
  })

  it("a multi-megabyte body as bytes", () => {
    expectQuickClientFault(new Uint8Array(5 * 1024 * 1024), "Request exceeded the limit of 1024 KB.")
  })

  it("counts UTF-8 bytes, not characters", () => {
    const accents = insertEnvelope(`${callFields}<data:Queue>${"é".repeat(DefaultMaxRequestBytes / 2)}</data:Queue>`)
    expect(accents.length).toBeLessThan(DefaultMaxRequestBytes)
    expectQuickClientFault(accents, "Request exceeded the limit of 1024 KB.")
  })

  it("takes a configured limit", () => {
    expect(left(decodeRequest(sample("insert-request"), { maxBytes: 2048 }))).toEqual(Faults.requestTooLarge(2))
    const exact = sample("insert-request")
    expect(right(decodeRequest(exact, { maxBytes: exact.length })).operation).toBe("CTIActivityInsert")
  })
})

describe("Documents that are not SOAP requests", () => {
  const request = sample("insert-request")
  const rootEnd = request.lastIndexOf(">") + 1

  it("every truncation of the chapter's request is a Client fault", () => {
    for (let length = 0; length < rootEnd; length += 3) {
      const fault = left(decodeRequest(request.slice(0, length)))
      expect(fault.faultCode).toBe("Client")
    }
  })

  it("truncated XML says where it ends", () => {
    expectQuickClientFault(request.slice(0, rootEnd - 1), /^The request is not well-formed XML: /)
    expectQuickClientFault(
      request.slice(0, request.indexOf("</soapenv:Body>")),
      /^The request is not well-formed XML: the document ends before <\/soapenv:Body> \(line \d+\)$/,
    )
  })

  it("mismatched tags", () => {
    expectQuickClientFault(
      "<a><b></a></b>",
      "The request is not well-formed XML: end tag </a> does not match <b> (line 1)",
    )
  })

  it("an HTML page", () => {
    expectQuickClientFault("<!DOCTYPE html><html><body>Hello</body></html>", /DOCTYPE declaration/)
    expectQuickClientFault("<html><body>Hello</body></html>", /not a SOAP 1.1 envelope: its root element is html/)
  })

  it("JSON and plain text", () => {
    expectQuickClientFault('{"interactions": []}', /not well-formed XML: text outside the root element/)
    expectQuickClientFault("hello", /not well-formed XML: text outside the root element/)
  })

  it("two root elements", () => {
    expectQuickClientFault(`${insertEnvelope(callFields)}<x/>`, /a second root element/)
  })

  it("an empty body", () => {
    expectQuickClientFault("", "The request is empty")
    expectQuickClientFault(" \r\n\t", "The request is empty")
    expectQuickClientFault(new Uint8Array(0), "The request is empty")
  })

  it("bytes that are not UTF-8", () => {
    expectQuickClientFault(new Uint8Array([0x3c, 0x61, 0xff, 0x3e]), "The request is not UTF-8 text")
  })
})
