// @vitest-environment happy-dom
import { describe, expect, it } from "vitest"
import { type CtiControlError, type CtiControlEvent, readCtiControl } from "@crmod-cti/ui-controls"
import { Either } from "effect"

const element = (html: string): Element => {
  const template = document.createElement("template")
  template.innerHTML = html
  const first = template.content.firstElementChild
  if (first === null) throw new Error(`no element in ${html}`)
  return first
}

const read = (html: string): CtiControlEvent => Either.getOrThrowWith(readCtiControl(element(html)), (error) => error)
const errorOf = (html: string): CtiControlError =>
  Either.getOrThrowWith(Either.flip(readCtiControl(element(html))), () => new Error(`expected ${html} to be invalid`))

const link = (attributes: string) => `<a href="#" data-cti-action="clickToDial" ${attributes}>dial</a>`

describe("a Click-to-Dial link carries the number's digits, its country code and its record (CONTRACT.md §8)", () => {
  it("reads all of them", () => {
    expect(
      read(
        link(
          `data-cti-phone-number="15551111212" data-cti-phone-countrycode="1" data-cti-record-type="Contact" data-cti-record-id="1QA2-RXQQC"`,
        ),
      ),
    ).toEqual({
      action: "clickToDial",
      phoneNumber: "15551111212",
      countryCode: "1",
      recordType: "Contact",
      recordId: "1QA2-RXQQC",
    })
  })
  it("needs only the number; an empty country code counts as absent", () => {
    expect(read(link(`data-cti-phone-number="5551111212" data-cti-phone-countrycode=""`))).toEqual({
      action: "clickToDial",
      phoneNumber: "5551111212",
    })
  })
  it.each([
    ["absent", "", "MissingAttribute", undefined],
    ["empty", `data-cti-phone-number=""`, "MissingAttribute", ""],
    ["not digits only", `data-cti-phone-number="+1 555 111 1212"`, "InvalidAttribute", "+1 555 111 1212"],
    ["over 100 digits", `data-cti-phone-number="${"1".repeat(101)}"`, "InvalidAttribute", "1".repeat(101)],
  ])("rejects a number that is %s", (_, attributes, reason, value) => {
    const error = errorOf(link(attributes))
    expect(error).toMatchObject({ reason, attribute: "data-cti-phone-number" })
    expect(error.value).toBe(value)
  })
  it.each(["1234", "+1", "a"])("rejects the country code %s (1 to 3 digits)", (code) => {
    expect(errorOf(link(`data-cti-phone-number="1" data-cti-phone-countrycode="${code}"`))).toMatchObject({
      reason: "InvalidAttribute",
      attribute: "data-cti-phone-countrycode",
      value: code,
    })
  })
  it("rejects a record type outside the LOV, naming the LOV", () => {
    const error = errorOf(link(`data-cti-phone-number="1" data-cti-record-type="Order" data-cti-record-id="1QA2-X"`))
    expect(error.message).toBe(
      'Invalid value "Order" for attribute data-cti-record-type: expected one of Account, Activity, Campaign, Contact, Lead, Service Request, Opportunity',
    )
  })
  it("rejects half a record: a type without an id, or an id without a type", () => {
    const error = errorOf(link(`data-cti-phone-number="1" data-cti-record-type="Contact"`))
    expect(error).toMatchObject({ reason: "MissingAttribute", attribute: "data-cti-record-id" })
    expect(error.message).toBe("Missing attribute data-cti-record-id: a record needs both its type and its id")
    expect(errorOf(link(`data-cti-phone-number="1" data-cti-record-id="1QA2-RXQQC"`))).toMatchObject({
      reason: "MissingAttribute",
      attribute: "data-cti-record-type",
    })
  })
})

describe("a CTI button carries the interaction id (an InteractionId: String (30))", () => {
  it("reads the action and the interaction id", () => {
    expect(read(`<button data-cti-action="vmailOnPhone" data-cti-interactionId="900000000051">x</button>`)).toEqual({
      action: "vmailOnPhone",
      interactionId: "900000000051",
    })
  })
  it.each([
    ["over 30 characters", "1".repeat(31)],
    ["with surrounding spaces", " 42"],
  ])("rejects an interaction id %s", (_, value) => {
    expect(errorOf(`<button data-cti-action="openEmail" data-cti-interactionId="${value}">x</button>`)).toMatchObject({
      reason: "InvalidAttribute",
      attribute: "data-cti-interactionId",
      value,
    })
  })
})

describe("data-cti-action names one of the CTI actions", () => {
  it("is required", () => {
    expect(errorOf(`<button data-cti-interactionId="1">x</button>`)).toMatchObject({
      reason: "MissingAttribute",
      attribute: "data-cti-action",
    })
  })
  it("names an unknown action and lists the known ones", () => {
    const error = errorOf(`<button data-cti-action="hangUp">x</button>`)
    expect(error.message).toBe(
      'Unknown value "hangUp" for attribute data-cti-action: expected one of clickToDial, openVmail, vmailOnPhone, reassignEmail, reassignVmail, openEmail, openChat, openHistory, endWrapUp',
    )
  })
})
