// @vitest-environment happy-dom
import { describe, expect, it } from "vitest"
import fc from "fast-check"
import { AssociatedRecordTypes, CtiString, StringLimits } from "@crmod-cti/core"
import {
  clickToDialAttributes,
  CtiButtonActions,
  CtiControlError,
  type CtiControlEvent,
  ctiButtonAttributes,
  ctiControlAttributes,
  escapeHtml,
  readCtiControl,
  renderAttributes,
} from "@crmod-cti/ui-controls"
import { Either, Schema } from "effect"

const fredHong = { recordType: "Contact", recordId: "1QA2-RXQQC" } as const

const thrown = (f: () => unknown): unknown => {
  try {
    f()
  } catch (error) {
    return error
  }
  throw new Error("expected an error")
}

/** Render as the CRM side does and parse it back as a browser does. */
const parsedElement = (attributes: Readonly<Record<string, string>>): Element => {
  const template = document.createElement("template")
  template.innerHTML = `<a href="#" ${renderAttributes(attributes)}>x</a>`
  return template.content.firstElementChild!
}

describe("Click-to-Dial attributes: the number's digits, its country code and the record", () => {
  it("renders Fred Hong's work phone, in the contract's order", () => {
    const attributes = clickToDialAttributes({ phoneNumber: "+1 555 111 1212", ...fredHong })
    expect(Object.entries(attributes)).toEqual([
      ["data-cti-action", "clickToDial"],
      ["data-cti-phone-number", "15551111212"],
      ["data-cti-phone-countrycode", "1"],
      ["data-cti-record-type", "Contact"],
      ["data-cti-record-id", "1QA2-RXQQC"],
    ])
  })
  it.each([
    ["+44 20 7946 0000", "442079460000", "44"],
    ["+1 (555) 111-1212", "15551111212", "1"],
    ["+353-1-234-5678", "35312345678", "353"],
    ["1-555-111-1212", "15551111212", "1"],
    ["(555) 111-1212", "5551111212", undefined],
    ["+442079460000", "442079460000", undefined],
  ])("tells the country code of %s from its form", (phoneNumber, digits, countryCode) => {
    const attributes = clickToDialAttributes({ phoneNumber, ...fredHong })
    expect(attributes["data-cti-phone-number"]).toBe(digits)
    expect(attributes["data-cti-phone-countrycode"]).toBe(countryCode)
  })
  it("takes the digits of a country code given", () => {
    expect(
      clickToDialAttributes({ phoneNumber: "01 23 45 67 89", countryCode: "+33", ...fredHong })[
        "data-cti-phone-countrycode"
      ],
    ).toBe("33")
  })
  it("refuses a number without digits, naming the value given", () => {
    const error = thrown(() => clickToDialAttributes({ phoneNumber: "N/A", ...fredHong }))
    expect(error).toBeInstanceOf(CtiControlError)
    expect(error).toMatchObject({ reason: "InvalidAttribute", attribute: "data-cti-phone-number", value: "N/A" })
  })
  it("refuses a record id over 100 characters", () => {
    expect(
      thrown(() => clickToDialAttributes({ phoneNumber: "1", recordType: "Lead", recordId: "X".repeat(101) })),
    ).toMatchObject({ reason: "InvalidAttribute", attribute: "data-cti-record-id" })
  })
})

describe("button attributes: the action and the interaction id", () => {
  it("gives the wrap-up Save button its id CTIWrapUp_Save", () => {
    expect(ctiButtonAttributes("endWrapUp", "900000000051")).toEqual({
      id: "CTIWrapUp_Save",
      "data-cti-action": "endWrapUp",
      "data-cti-interactionId": "900000000051",
    })
  })
  it("uses reassignVmail for the voicemail Reassign button, and no id on other buttons", () => {
    expect(ctiButtonAttributes("reassignVmail", "1")).toEqual({
      "data-cti-action": "reassignVmail",
      "data-cti-interactionId": "1",
    })
  })
  it("refuses an interaction id over 30 characters", () => {
    expect(thrown(() => ctiButtonAttributes("openChat", "1".repeat(31)))).toMatchObject({
      reason: "InvalidAttribute",
      attribute: "data-cti-interactionId",
      value: "1".repeat(31),
    })
  })
})

describe("rendered attributes are HTML-escaped (& < > \" ')", () => {
  it("escapes each of the five characters", () => {
    expect(escapeHtml(`Tom & "Jerry's" <b>`)).toBe("Tom &amp; &quot;Jerry&#39;s&quot; &lt;b&gt;")
    expect(renderAttributes({ title: `a&b<c>"d'e`, "data-cti-record-id": "1QA2-X" })).toBe(
      'title="a&amp;b&lt;c&gt;&quot;d&#39;e" data-cti-record-id="1QA2-X"',
    )
  })
  it("keeps a value from breaking out of its attribute", () => {
    const element = parsedElement({ "data-cti-record-id": `"><script>alert(1)</script>` })
    expect(element.getAttribute("data-cti-record-id")).toBe(`"><script>alert(1)</script>`)
    expect(element.children).toHaveLength(0)
  })
  it.each(["onclick=x", "a b", "", 'x"', "x>"])("refuses the attribute name %j", (name) => {
    expect(thrown(() => renderAttributes({ [name]: "v" }))).toMatchObject({
      _tag: "CtiControlError",
      reason: "InvalidAttributeName",
      attribute: name,
    })
  })
  it("gives back any text once parsed", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme" }).filter((text) => !/[\r\0]/.test(text)),
        (text) => {
          expect(parsedElement({ title: text }).getAttribute("title")).toBe(text)
        },
      ),
      { numRuns: 200 },
    )
  })
})

const text = (limit: number) =>
  fc
    .string({ unit: fc.constantFrom(..."AZ09-&<>\"' é😀"), minLength: 1, maxLength: limit })
    .filter(Schema.is(CtiString(limit)))
const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: min, maxLength: max })

const controlEvent: fc.Arbitrary<CtiControlEvent> = fc.oneof(
  fc
    .record(
      {
        phoneNumber: digits(1, StringLimits.Destination),
        countryCode: digits(1, 3),
        record: fc.record({
          recordType: fc.constantFrom(...AssociatedRecordTypes),
          recordId: text(StringLimits.AssociatedRecordId),
        }),
      },
      { requiredKeys: ["phoneNumber"] },
    )
    .map(({ record, ...link }) => ({ action: "clickToDial" as const, ...link, ...record })),
  fc.record({ action: fc.constantFrom(...CtiButtonActions), interactionId: text(StringLimits.InteractionId) }),
)

describe("what the CRM side renders, the CTI application reads back", () => {
  it("holds for every valid control", () => {
    fc.assert(
      fc.property(controlEvent, (event) => {
        expect(readCtiControl(parsedElement(ctiControlAttributes(event)))).toEqual(Either.right(event))
      }),
      { numRuns: 300 },
    )
  })
})
