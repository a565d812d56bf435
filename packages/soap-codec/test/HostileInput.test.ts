import { type CtiFault, Faults } from "@crmod-cti/core"
import { DefaultMaxRequestBytes, type DecodeRequestOptions, decodeRequest } from "@crmod-cti/soap-codec"
import type { Either } from "effect"
import { describe, expect, it } from "vitest"
import { callFields, insertEnvelope, left, right, sample } from "./Helpers.js"

const faultOf = (body: string | Uint8Array, options: DecodeRequestOptions = {}): CtiFault =>
  left(decodeRequest(body, options) as Either.Either<unknown, CtiFault>)

const expectClientFault = (fault: CtiFault, message: RegExp | string) => {
  expect(fault.faultCode).toBe("Client")
  if (typeof message === "string") expect(fault.message).toBe(message)
  else expect(fault.message).toMatch(message)
}

/** A Client fault with `message`. */
const expectRefused = (body: string | Uint8Array, message: RegExp | string, options: DecodeRequestOptions = {}) =>
  expectClientFault(faultOf(body, options), message)

/** Least ms of each body's decoding, the bodies taken in turns (so that a busy machine slows them alike). */
const leastMs = (bodies: ReadonlyArray<string | Uint8Array>, options: DecodeRequestOptions): Array<number> => {
  const least = bodies.map(() => Number.POSITIVE_INFINITY)
  for (let round = 0; round < 7; round++) {
    bodies.forEach((body, i) => {
      const start = performance.now()
      decodeRequest(body, options)
      least[i] = Math.min(least[i]!, performance.now() - start)
    })
  }
  return least
}

/**
 * `sized(n)` and `sized(8n)` draw the same Client fault, and the larger costs less than 24× the smaller, side by side
 * in one run: linear work costs at most 8× (fixed costs make it less), quadratic work 64×.
 * No wall-clock budget: a busy machine slows both alike. (The smaller's cost is floored at a millisecond, below which
 * timer resolution, CPU caches and a GC pause decide the ratio; at these sizes quadratic work takes seconds.)
 */
const expectLinearRefusal = (
  sized: (n: number) => string | Uint8Array,
  n: number,
  message: RegExp | string,
  options: DecodeRequestOptions = {},
) => {
  const small = sized(n)
  const large = sized(8 * n)
  expectRefused(small, message, options)
  expectRefused(large, message, options)
  const [smallMs, largeMs] = leastMs([small, large], options)
  expect(largeMs! / Math.max(smallMs!, 1)).toBeLessThan(24)
}

const billionLaughs =
  '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
  Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`).join("") +
  "]>" +
  insertEnvelope(`${callFields}<data:Queue>&lol9;</data:Queue>`)

describe("Entity expansion and DTDs are refused where they are met", () => {
  it("billion laughs", () => {
    expectRefused(
      billionLaughs,
      "The request contains a DOCTYPE declaration: DTDs and entity declarations are not allowed",
    )
  })

  it("an external entity declared in a DTD", () => {
    const xxe = `<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${insertEnvelope(`${callFields}<data:Queue>&xxe;</data:Queue>`)}`
    expectRefused(xxe, /DOCTYPE declaration/)
  })

  it("an external entity referenced without a DTD", () => {
    expectClientFault(faultOf(insertEnvelope(`${callFields}<data:Queue>&xxe;</data:Queue>`)), /not well-formed XML/)
  })

  it("an entity declaration outside a DTD", () => {
    expectRefused(`<!ENTITY x "y">${insertEnvelope(callFields)}`, /entity declaration/)
  })

  it("a processing instruction other than the XML declaration", () => {
    expectRefused(
      `<?xml version="1.0"?><?xml-stylesheet href="x.xsl"?>${insertEnvelope(callFields)}`,
      "The request contains a processing instruction, which is not allowed",
    )
  })
})

describe("Nesting depth is capped", () => {
  const unlimited = { maxBytes: 64 * 1024 * 1024 }

  it("25 000 and 200 000 nested elements; 200 000 and 1 600 000 closed", () => {
    expectLinearRefusal((n) => "<a>".repeat(n), 25_000, "The request nests elements more than 64 deep")
    expectLinearRefusal(
      (n) => `${"<a>".repeat(n)}${"</a>".repeat(n)}`,
      200_000,
      "The request nests elements more than 64 deep",
      unlimited,
    )
  })

  it("64 levels are read, 65 are not", () => {
    const nested = (depth: number) => `${"<a>".repeat(depth)}${"</a>".repeat(depth)}`
    expect(left(decodeRequest(nested(64))).message).toBe(
      "The request is not a SOAP 1.1 envelope: its root element is a",
    )
    expectRefused(nested(65), "The request nests elements more than 64 deep")
  })

  it("200 000 nested elements inside an interaction, and 1 600 000", () => {
    expectLinearRefusal(
      (n) => insertEnvelope(`${callFields}${"<data:Queue>".repeat(n)}`),
      200_000,
      "The request nests elements more than 64 deep",
      unlimited,
    )
  })
})

describe("The size limit is checked before parsing", () => {
  const sized = (n: number) => insertEnvelope(`${callFields}<data:Queue>${"x".repeat(n)}</data:Queue>`)

  it("a multi-megabyte body as text", () => {
    expectLinearRefusal(sized, 2 * 1024 * 1024, "Request exceeded the limit of 1024 KB.")
    expect(left(decodeRequest(sized(2 * 1024 * 1024)))).toEqual(Faults.requestTooLarge(1024))
  })

  it("a multi-megabyte body as bytes", () => {
    expectLinearRefusal((n) => new Uint8Array(n), 2 * 1024 * 1024, "Request exceeded the limit of 1024 KB.")
  })

  it("counts UTF-8 bytes, not characters", () => {
    const accents = insertEnvelope(`${callFields}<data:Queue>${"é".repeat(DefaultMaxRequestBytes / 2)}</data:Queue>`)
    expect(accents.length).toBeLessThan(DefaultMaxRequestBytes)
    expectRefused(accents, "Request exceeded the limit of 1024 KB.")
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
    expectRefused(request.slice(0, rootEnd - 1), /^The request is not well-formed XML: /)
    expectRefused(
      request.slice(0, request.indexOf("</soapenv:Body>")),
      /^The request is not well-formed XML: the document ends before <\/soapenv:Body> \(line \d+\)$/,
    )
  })

  it("mismatched tags", () => {
    expectRefused("<a><b></a></b>", "The request is not well-formed XML: end tag </a> does not match <b> (line 1)")
  })

  it("an HTML page", () => {
    expectRefused("<!DOCTYPE html><html><body>Hello</body></html>", /DOCTYPE declaration/)
    expectClientFault(faultOf("<html><body>Hello</body></html>"), /not a SOAP 1.1 envelope: its root element is html/)
  })

  it("JSON and plain text", () => {
    expectRefused('{"interactions": []}', /not well-formed XML: text outside the root element/)
    expectRefused("hello", /not well-formed XML: text outside the root element/)
  })

  it("two root elements", () => {
    expectRefused(`${insertEnvelope(callFields)}<x/>`, /a second root element/)
  })

  it("an empty body", () => {
    expectRefused("", "The request is empty")
    expectRefused(" \r\n\t", "The request is empty")
    expectRefused(new Uint8Array(0), "The request is empty")
  })

  it("bytes that are not UTF-8", () => {
    expectRefused(new Uint8Array([0x3c, 0x61, 0xff, 0x3e]), "The request is not UTF-8 text")
  })
})
