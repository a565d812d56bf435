// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest"
import {
  type ClickToDial,
  clickToDialAttributes,
  ctiButtonAttributes,
  CtiButtonActions,
  type CtiControlError,
  renderAttributes,
  watchCtiControls,
  watchCtiControlsInFrame,
} from "@crmod-cti/ui-controls"

const fredHongLink = `<a id="dial" href="tel:+15551111212" ${renderAttributes(
  clickToDialAttributes({ phoneNumber: "+1 555 111 1212", recordType: "Contact", recordId: "1QA2-RXQQC" }),
)}><span id="digits">+1 555 111 1212</span></a>`

const fredHong: ClickToDial = {
  action: "clickToDial",
  phoneNumber: "15551111212",
  countryCode: "1",
  recordType: "Contact",
  recordId: "1QA2-RXQQC",
}

/** Click like a user: returns whether the browser's default action still runs. */
const click = (element: Element): boolean =>
  element.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, composed: true }))

const byId = (id: string, root: Document | ShadowRoot = document): Element => {
  const element = root.querySelector(`#${id}`)
  if (element === null) throw new Error(`no element #${id}`)
  return element
}

const unwatchers: Array<() => void> = []
const watch = (...args: Parameters<typeof watchCtiControls>) => {
  const unwatch = watchCtiControls(...args)
  unwatchers.push(unwatch)
  return unwatch
}

afterEach(() => {
  for (const unwatch of unwatchers.splice(0)) unwatch()
  document.body.innerHTML = ""
})

describe("Click-to-Dial links on phone numbers dial the number for the record", () => {
  it("reports the number's digits, its country code and the record, and keeps the browser off the tel: link", () => {
    document.body.innerHTML = fredHongLink
    const clickToDial = vi.fn()
    watch(document, { clickToDial })
    expect(click(byId("dial"))).toBe(false)
    expect(clickToDial).toHaveBeenCalledOnce()
    expect(clickToDial.mock.calls[0]?.[0]).toEqual(fredHong)
    expect(clickToDial.mock.calls[0]?.[1].element).toBe(byId("dial"))
  })
  it("reports a click on an element inside the link", () => {
    document.body.innerHTML = fredHongLink
    const clickToDial = vi.fn()
    watch(document, { clickToDial })
    click(byId("digits"))
    expect(clickToDial).toHaveBeenCalledWith(fredHong, expect.objectContaining({ element: byId("dial") }))
  })
  it("reports links added after watching began (CRM On Demand adds the attributes after the page loads)", () => {
    document.body.innerHTML = `<a id="dial" href="tel:+15551111212">+1 555 111 1212</a>`
    const clickToDial = vi.fn()
    watch(document, { clickToDial })
    for (const [name, value] of Object.entries(
      clickToDialAttributes({ phoneNumber: "+1 555 111 1212", recordType: "Contact", recordId: "1QA2-RXQQC" }),
    )) {
      byId("dial").setAttribute(name, value)
    }
    document.body.insertAdjacentHTML("beforeend", fredHongLink.replace('id="dial"', 'id="later"'))
    click(byId("dial"))
    click(byId("later"))
    expect(clickToDial.mock.calls.map(([event]) => event)).toEqual([fredHong, fredHong])
  })
  it("leaves the browser's default when asked to", () => {
    document.body.innerHTML = fredHongLink
    const clickToDial = vi.fn()
    watch(document, { clickToDial }, { preventDefault: false })
    expect(click(byId("dial"))).toBe(true)
    expect(clickToDial).toHaveBeenCalledOnce()
  })
  it("leaves tel: links alone for an application that does not dial", () => {
    document.body.innerHTML = fredHongLink
    const endWrapUp = vi.fn()
    watch(document, { endWrapUp })
    expect(click(byId("dial"))).toBe(true)
  })
  it("sees the click even when the page stops its propagation (capture phase)", () => {
    document.body.innerHTML = fredHongLink
    byId("dial").addEventListener("click", (event) => event.stopPropagation())
    const clickToDial = vi.fn()
    watch(document, { clickToDial })
    click(byId("digits"))
    expect(clickToDial).toHaveBeenCalledOnce()
  })
})

describe("buttons act on the interaction in data-cti-interactionId", () => {
  it.each(CtiButtonActions)("reports %s with its interaction id", (action) => {
    document.body.innerHTML = `<button id="b" type="button" ${renderAttributes(ctiButtonAttributes(action, "900000000051"))}><i id="icon"></i></button>`
    const handler = vi.fn()
    const any = vi.fn()
    watch(document, { [action]: handler, any })
    click(byId("icon"))
    expect(handler).toHaveBeenCalledWith({ action, interactionId: "900000000051" }, expect.anything())
    expect(any).toHaveBeenCalledWith({ action, interactionId: "900000000051" }, expect.anything())
    expect(handler.mock.invocationCallOrder[0]).toBeLessThan(any.mock.invocationCallOrder[0]!)
  })
  it("reads the attribute whatever the case the HTML parser stored it in", () => {
    document.body.innerHTML = `<button id="b" data-cti-action="openChat" data-cti-interactionid="42">View Chat</button>`
    const openChat = vi.fn()
    watch(document, { openChat })
    click(byId("b"))
    expect(openChat).toHaveBeenCalledWith({ action: "openChat", interactionId: "42" }, expect.anything())
  })
  it("lets the wrap-up form's Save button (CTIWrapUp_Save) submit its form", () => {
    document.body.innerHTML = `<form><button type="submit" ${renderAttributes(ctiButtonAttributes("endWrapUp", "900000000051"))}>Save</button></form>`
    const endWrapUp = vi.fn()
    watch(document, { endWrapUp })
    expect(click(byId("CTIWrapUp_Save"))).toBe(true)
    expect(endWrapUp).toHaveBeenCalledWith({ action: "endWrapUp", interactionId: "900000000051" }, expect.anything())
  })
  it("ignores clicks outside controls", () => {
    document.body.innerHTML = `<p id="p">text</p>${fredHongLink}`
    const any = vi.fn()
    watch(document, { any })
    click(byId("p"))
    expect(any).not.toHaveBeenCalled()
  })
})

describe("controls that cannot be used are reported, never thrown", () => {
  const reported = (html: string) => {
    document.body.innerHTML = html
    const onInvalid = vi.fn<(error: CtiControlError) => void>()
    const any = vi.fn()
    watch(document, { any, onInvalid })
    const defaultRuns = click(byId("c"))
    expect(any).not.toHaveBeenCalled()
    expect(onInvalid).toHaveBeenCalledOnce()
    return { error: onInvalid.mock.calls[0]![0], defaultRuns }
  }
  it("reports a Click-to-Dial link without digits, and lets its link work", () => {
    const { error, defaultRuns } = reported(
      `<a id="c" href="#" data-cti-action="clickToDial" data-cti-phone-number="" data-cti-record-type="Contact" data-cti-record-id="1QA2-RXQQC">n/a</a>`,
    )
    expect(error).toMatchObject({ reason: "MissingAttribute", attribute: "data-cti-phone-number", value: "" })
    expect(defaultRuns).toBe(true)
  })
  it("reports a Click-to-Dial link whose number is not digits only", () => {
    const { error } = reported(`<a id="c" data-cti-action="clickToDial" data-cti-phone-number="+1 555">x</a>`)
    expect(error).toMatchObject({ reason: "InvalidAttribute", attribute: "data-cti-phone-number", value: "+1 555" })
    expect(error.message).toBe('Invalid value "+1 555" for attribute data-cti-phone-number: not digits only')
  })
  it("reports an unknown action", () => {
    const { error } = reported(`<button id="c" data-cti-action="openFax" data-cti-interactionId="1">x</button>`)
    expect(error).toMatchObject({ reason: "UnknownAction", attribute: "data-cti-action", value: "openFax" })
  })
  it("reports a button without its interaction id", () => {
    const { error } = reported(`<button id="c" data-cti-action="openVmail">Listen</button>`)
    expect(error).toMatchObject({ reason: "MissingAttribute", attribute: "data-cti-interactionId" })
    expect(error.message).toBe("Missing attribute data-cti-interactionId")
  })
  it("ignores them silently without onInvalid", () => {
    document.body.innerHTML = `<a id="c" href="#" data-cti-action="clickToDial">n/a</a>`
    const clickToDial = vi.fn()
    watch(document, { clickToDial })
    expect(click(byId("c"))).toBe(true)
    expect(clickToDial).not.toHaveBeenCalled()
  })
})

describe("watching has a scope and an end", () => {
  it("stops reporting once unwatched", () => {
    document.body.innerHTML = fredHongLink
    const clickToDial = vi.fn()
    const unwatch = watch(document, { clickToDial })
    click(byId("dial"))
    unwatch()
    expect(click(byId("dial"))).toBe(true)
    expect(clickToDial).toHaveBeenCalledOnce()
  })
  it("reports only controls inside the watched element", () => {
    document.body.innerHTML = `<div id="crm">${fredHongLink}</div><button id="outside" ${renderAttributes(ctiButtonAttributes("openChat", "1"))}>x</button>`
    const any = vi.fn()
    watch(byId("crm"), { any })
    click(byId("outside"))
    click(byId("digits"))
    expect(any.mock.calls.map(([event]) => event.action)).toEqual(["clickToDial"])
  })
  it("reports controls inside an open shadow root", () => {
    document.body.innerHTML = `<div id="host"></div>`
    const shadow = byId("host").attachShadow({ mode: "open" })
    shadow.innerHTML = fredHongLink
    const clickToDial = vi.fn()
    watch(document, { clickToDial })
    click(byId("digits", shadow))
    expect(clickToDial).toHaveBeenCalledWith(fredHong, expect.anything())
  })
})

describe("the CRM shown in a same-origin iframe is watched from page to page", () => {
  const loaded = (iframe: HTMLIFrameElement, html: string) =>
    new Promise<Document>((resolve) => {
      iframe.addEventListener("load", () => resolve(iframe.contentDocument!), { once: true })
      iframe.srcdoc = html
    })

  it("follows the iframe to each new page and stops with unwatch", async () => {
    document.body.innerHTML = `<iframe id="crm"></iframe>`
    const iframe = byId("crm") as HTMLIFrameElement
    const any = vi.fn()
    const unwatch = watchCtiControlsInFrame(iframe, { any })
    const contactPage = await loaded(iframe, fredHongLink)
    click(byId("digits", contactPage))
    const wrapUpPage = await loaded(
      iframe,
      `<button type="button" ${renderAttributes(ctiButtonAttributes("endWrapUp", "900000000051"))}>Save</button>`,
    )
    expect(wrapUpPage).not.toBe(contactPage)
    click(byId("CTIWrapUp_Save", wrapUpPage))
    // The page left behind is no longer watched.
    contactPage.body.innerHTML = `<button id="left" ${renderAttributes(ctiButtonAttributes("openHistory", "1"))}></button>`
    click(byId("left", contactPage))
    unwatch()
    click(byId("CTIWrapUp_Save", wrapUpPage))
    expect(any.mock.calls.map(([event]) => event)).toEqual([
      fredHong,
      { action: "endWrapUp", interactionId: "900000000051" },
    ])
  })
})
