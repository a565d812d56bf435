import * as Either from "effect/Either"
import { type CtiAction, CtiAttributes } from "./CtiAttributes.js"
import type { CtiControlError } from "./CtiControlError.js"
import type { CtiControlEvent, CtiControlEventOf } from "./CtiControlEvent.js"
import { readCtiControl } from "./readCtiControl.js"

/** Where a control event comes from: the control's element and the DOM click (e.g. to `preventDefault()` it). */
export interface CtiControlSource {
  readonly element: Element
  readonly event: Event
}

/**
 * What to do on a click of each kind of control. `any` is called for every valid control, after the handler of
 * its action; `onInvalid` for a control that cannot be used (it is otherwise ignored: nothing is thrown).
 */
export type CtiControlHandlers = {
  readonly [A in CtiAction]?: (event: CtiControlEventOf<A>, source: CtiControlSource) => void
} & {
  readonly any?: (event: CtiControlEvent, source: CtiControlSource) => void
  readonly onInvalid?: (error: CtiControlError, source: CtiControlSource) => void
}

export interface WatchOptions {
  /**
   * Cancel the browser's own action on a handled Click-to-Dial link, so that it does not follow a `tel:` link too
   * (default true). Applies only when a `clickToDial` or `any` handler is given; other controls keep their default
   * action (the wrap-up Save button still submits its form), which a handler may cancel through `source.event`.
   */
  readonly preventDefault?: boolean
}

export type Unwatch = () => void

// Elements of a same-origin iframe belong to another window, so `instanceof Element` would not recognise them.
const isElement = (target: EventTarget): target is Element => (target as Partial<Node>).nodeType === 1

/** The innermost control the click went through, below `root`; the composed path also crosses open shadow roots. */
const controlOf = (event: Event, root: EventTarget): Element | undefined => {
  for (const target of event.composedPath()) {
    if (target === root) return undefined
    if (isElement(target) && target.hasAttribute(CtiAttributes.action)) return target
  }
  return undefined
}

/**
 * Call `handlers` on clicks on CTI controls (`[data-cti-action]`) anywhere under `root`, including controls added
 * later (CRM On Demand adds the attributes after the page loads) and clicks on elements inside a control. One
 * capture-phase listener, so that the page's own handlers cannot stop the CTI application from seeing the click.
 * Returns the function that stops watching.
 */
export const watchCtiControls = (
  root: Document | Element | ShadowRoot,
  handlers: CtiControlHandlers,
  options: WatchOptions = {},
): Unwatch => {
  const preventDefault = options.preventDefault ?? true
  const onClick = (event: Event): void => {
    const element = controlOf(event, root)
    if (element === undefined) return
    const source: CtiControlSource = { element, event }
    const control = readCtiControl(element)
    if (Either.isLeft(control)) {
      handlers.onInvalid?.(control.left, source)
      return
    }
    const handler = handlers[control.right.action] as CtiControlHandlers["any"]
    if (control.right.action === "clickToDial" && preventDefault && (handler ?? handlers.any) !== undefined) {
      event.preventDefault()
    }
    handler?.(control.right, source)
    handlers.any?.(control.right, source)
  }
  root.addEventListener("click", onClick, { capture: true })
  return () => root.removeEventListener("click", onClick, { capture: true })
}

/**
 * Watch the CTI controls of the page shown in a same-origin iframe (the CRM beside the softphone), following it
 * from page to page: the listener moves to each new document when the iframe loads it. A cross-origin page cannot
 * be watched (the browser hides its document); it is skipped until a same-origin one loads. Returns the function
 * that stops watching.
 */
export const watchCtiControlsInFrame = (
  iframe: HTMLIFrameElement,
  handlers: CtiControlHandlers,
  options: WatchOptions = {},
): Unwatch => {
  let watched: Document | null = null
  let unwatchDocument: Unwatch = () => {}
  const follow = (): void => {
    const document = iframe.contentDocument
    if (document === watched) return
    unwatchDocument()
    watched = document
    unwatchDocument = document === null ? () => {} : watchCtiControls(document, handlers, options)
  }
  follow()
  iframe.addEventListener("load", follow)
  return () => {
    iframe.removeEventListener("load", follow)
    unwatchDocument()
    watched = null
  }
}
