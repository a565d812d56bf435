import type { ChannelType, Interaction } from "@crmod-cti/core"
import {
  type BrowserOutbox,
  type BrowserOutboxOptions,
  isDeliveredElsewhere,
  openBrowserOutbox,
} from "@crmod-cti/outbox/browser"
import { buildCtiCommandUrl, screenPopUrlFor, wrapUpUrlFor } from "@crmod-cti/servlet-urls"
import type { ClientInsertResult } from "@crmod-cti/transport-fetch"
import { type CtiControlHandlers, watchCtiControlsInFrame } from "@crmod-cti/ui-controls"
import * as Either from "effect/Either"
import { ContactCentreLine } from "./channels.js"
import { otherButtonHandlers } from "./controlMessages.js"
import { credentialsAfter, describeError } from "./describeError.js"
import { h, replaceChildren } from "./dom.js"
import { InteractionBoard, type TrackedInteraction } from "./InteractionBoard.js"
import { makeIdentitySource } from "./interactionIds.js"
import { type InboundInput, inboundInteraction, outboundInteraction } from "./interactions.js"
import { associatedRecords } from "./resultSummary.js"
import { readSoftphoneConfig, type SoftphoneConfig } from "./SoftphoneConfig.js"
import { createActiveCard } from "./ui/ActiveCard.js"
import { createConnectionCard } from "./ui/ConnectionCard.js"
import { createEventLog } from "./ui/EventLog.js"
import { createHistoryCard } from "./ui/HistoryCard.js"
import { createOutboxCard } from "./ui/OutboxCard.js"
import { createResultCard } from "./ui/ResultCard.js"
import { createSimulateCard } from "./ui/SimulateCard.js"

/** The name the softphone gives itself on every request (CRM On Demand's utilisation page shows it). */
export const ClientName = "crmod-cti playground softphone"

/** The id of the iframe that shows the CRM beside the softphone. */
export const CrmFrameId = "crm-frame"

// A softphone is interactive: a request gives up after a few seconds, and the outbox (not the client) tries again,
// soon at first and at least every ten seconds, for as long as the service is out of reach.
const outboxTuning: Pick<BrowserOutboxOptions, "timeoutMs" | "retry" | "backoff"> = {
  timeoutMs: 15_000,
  retry: { maxRetries: 0 },
  backoff: { initialMs: 500, maxMs: 10_000 },
}

/**
 * A result the softphone can screen-pop: a created activity, or one a retry found already there (`retried`: the
 * first attempt created it, its answer was lost), popped as the activity itself.
 */
const isOwnActivity = (result: ClientInsertResult): boolean =>
  result.Status === "OK" || (result.Status === "Activity already exists" && result.retried === true)

/** What one logged interaction is about, for the result card and the log. */
interface Logging {
  readonly interaction: Interaction
  readonly title: string
  readonly party: string
  readonly dialledFrom?: { readonly recordType: string; readonly recordId: string }
}

/**
 * The softphone simulator, the CTI application beside the CRM: it logs interactions with `CTIActivityInsert`
 * through the browser outbox (`@crmod-cti/outbox/browser`: kept in IndexedDB until delivered, across reloads and
 * outages of the service; one tab of the origin delivers), screen-pops and opens wrap-up pages through the CTICommand servlet
 * (`@crmod-cti/servlet-urls`), and acts on the CRM's `data-cti-*` controls (`@crmod-cti/ui-controls`).
 */
export const mountSoftphone = (root: HTMLElement, document: Document): void => {
  root.setAttribute("aria-label", "Softphone")
  const config = readSoftphoneConfig(document)
  if (Either.isLeft(config)) {
    replaceChildren(
      root,
      h("div", { class: "sp-card sp-fatal", role: "alert" }, h("h3", {}, "Softphone unavailable"), config.left.message),
    )
    return
  }
  const frame = document.getElementById(CrmFrameId)
  startSoftphone(root, config.right, frame instanceof HTMLIFrameElement ? frame : undefined)
}

const startSoftphone = (root: HTMLElement, config: SoftphoneConfig, frame: HTMLIFrameElement | undefined): void => {
  const nextIdentity = makeIdentitySource()
  const board = new InteractionBoard()
  const log = createEventLog()
  let outbox: BrowserOutbox | undefined
  let opening = false
  let enqueuing = 0

  const results = createResultCard()
  const active = createActiveCard({ onHangUp: (id) => hangUp(id), onOpenWrapUp: (id) => openWrapUp(id) })
  const history = createHistoryCard()
  const simulate = createSimulateCard({ prefill: config.prefill, onSimulate: (input) => simulateInbound(input) })
  const connection = createConnectionCard({
    signInId: config.signInId,
    password: config.demoPassword,
    onConnect: (password) => void connect(password),
  })
  const outboxCard = createOutboxCard({ onRetryDeadLetters: () => void retryDeadLetters() })
  const updateForm = () => simulate.setEnabled(outbox !== undefined && enqueuing === 0)

  const refreshOutbox = async (): Promise<void> => {
    if (outbox === undefined) return
    const [stats, deadLetters] = await Promise.all([outbox.stats(), outbox.deadLetters()])
    outboxCard.showStats(stats, deadLetters)
  }

  const retryDeadLetters = async (): Promise<void> => {
    const count = (await outbox?.retryDeadLetters()) ?? 0
    log.add("info", `${count} dead letter${count === 1 ? "" : "s"} back in the outbox`)
    await refreshOutbox()
  }

  const open = async (password: string): Promise<BrowserOutbox> => {
    const opened = await openBrowserOutbox({
      endpoint: config.endpoint,
      username: config.signInId,
      password,
      clientName: ClientName,
      ...outboxTuning,
    })
    opened.on((event) => {
      switch (event.type) {
        case "exchange":
          outboxCard.addExchange(event.exchange)
          return
        case "paused": {
          // Nothing is sent, and everything is kept, until the agent gives the right password.
          const kind = `CTI fault ${event.fault.errorCode}`
          connection.setStatus("refused")
          results.showError("Delivery paused", { kind, message: event.fault.message })
          log.add("error", `Delivery paused: ${event.fault.message}`, kind)
          break
        }
        case "retrying":
          log.add("warning", `Interaction ${event.interaction.InteractionId}: ${event.error}, retrying`)
          break
        case "delivering":
          log.add("info", event.delivering ? "This tab delivers the outbox" : "This tab no longer delivers")
      }
      void refreshOutbox()
    })
    // Another tab's enqueues and the time passing change the counts too.
    setInterval(() => void refreshOutbox(), 2_000)
    return opened
  }

  const connect = async (password: string): Promise<void> => {
    if (opening) return
    try {
      if (outbox === undefined) {
        opening = true
        outbox = await open(password)
      } else await outbox.setCredentials({ password })
      connection.setStatus("connected")
      log.add("info", `Connected as ${config.signInId} to ${config.endpoint}`)
      await refreshOutbox()
    } catch (error) {
      const description = describeError(error)
      log.add("error", `The outbox could not be opened: ${description.message}`, description.kind)
    } finally {
      opening = false
      updateForm()
    }
  }

  const openInCrm = (url: string): void => {
    if (frame === undefined) {
      log.add("error", `The page has no CRM frame (#${CrmFrameId}) to open ${url} in`)
      return
    }
    frame.src = url
  }

  const screenPop = (result: ClientInsertResult, channelType: ChannelType): void => {
    if (result.Status === "Activity already exists" && result.ActivityId !== undefined) {
      log.add("info", `Screen pop: Activity ${result.ActivityId} (created by an earlier attempt)`)
      openInCrm(
        buildCtiCommandUrl(config.ctiBaseUrl, {
          command: "ScreenPop",
          recordType: "Activity",
          recordId: result.ActivityId,
          channelType,
        }),
      )
      return
    }
    Either.match(screenPopUrlFor(config.ctiBaseUrl, result, channelType), {
      onLeft: (error) => log.add("warning", error.message, error._tag),
      onRight: (url) => {
        log.add("info", `Screen pop: ${result.ScreenPopRecordType} ${result.ScreenPopRecordId}`)
        openInCrm(url)
      },
    })
  }

  const logInteraction = async (logging: Logging): Promise<void> => {
    if (outbox === undefined) {
      log.add("warning", `${logging.title}: connect the softphone first`)
      return
    }
    const { interaction, title } = logging
    const context =
      logging.dialledFrom === undefined
        ? undefined
        : `Dialled from ${logging.dialledFrom.recordType} ${logging.dialledFrom.recordId}`
    try {
      enqueuing += 1
      updateForm()
      const [receipt] = await outbox.enqueueInsert([interaction]).finally(() => {
        enqueuing -= 1
        updateForm()
      })
      if (receipt === undefined) throw new Error(`The outbox gave no receipt for ${interaction.InteractionId}`)
      log.add("info", `${title}: interaction ${interaction.InteractionId} in the outbox`)
      void refreshOutbox()
      const result = await receipt.delivered
      if (isDeliveredElsewhere(result)) {
        log.add("success", `${title}: delivered by another tab`)
        return
      }
      connection.setStatus("verified")
      results.showResult(title, result, context)
      const found = associatedRecords(result).map((row) => `${row.label} ${row.value}`)
      log.add(
        result.Status === "OK" ? "success" : "warning",
        `${title}: ${result.Status}${result.ActivityId === undefined ? "" : `, activity ${result.ActivityId}`}`,
        found.length === 0 ? "No associated record" : found.join(" · "),
      )
      if (!isOwnActivity(result)) return
      board.add({ interaction, result, party: logging.party })
      screenPop(result, interaction.ChannelType)
    } catch (error) {
      const description = describeError(error)
      const credentials = credentialsAfter(error)
      if (credentials !== undefined) connection.setStatus(credentials === "refused" ? "refused" : "verified")
      results.showError(title, description)
      log.add("error", `${title} failed: ${description.message}`, description.kind)
    }
  }

  const simulateInbound = (input: InboundInput): void => {
    const interaction = inboundInteraction(nextIdentity(), input)
    const party = input.from.trim()
    void logInteraction({ interaction, party, title: `${interaction.ChannelType} from ${party || "(unknown)"}` })
  }

  const wrapUpPageOf = (tracked: TrackedInteraction): void =>
    Either.match(wrapUpUrlFor(config.ctiBaseUrl, tracked.interaction), {
      onLeft: (error) => log.add("error", error.message, error._tag),
      onRight: openInCrm,
    })

  const hangUp = (interactionId: string): void => {
    const tracked = board.hangUp(interactionId)
    if (tracked === undefined) return
    log.add("info", `Ended ${tracked.interaction.ChannelType} ${interactionId}: wrap-up page opened`)
    wrapUpPageOf(tracked)
  }

  const openWrapUp = (interactionId: string): void => {
    const tracked = board.find(interactionId)
    if (tracked !== undefined) wrapUpPageOf(tracked)
  }

  const handlers: CtiControlHandlers = {
    clickToDial: (link) => {
      const interaction = outboundInteraction(nextIdentity(), link, ContactCentreLine)
      const party = interaction.Destination ?? link.phoneNumber
      void logInteraction({
        interaction,
        title: `Outbound Call to ${party}`,
        party,
        ...(link.recordType === undefined || link.recordId === undefined
          ? {}
          : { dialledFrom: { recordType: link.recordType, recordId: link.recordId } }),
      })
    },
    endWrapUp: ({ interactionId }) => {
      const done = board.finishWrapUp(interactionId)
      if (done === undefined) log.add("info", `Wrap-up saved for interaction ${interactionId}`)
      else log.add("success", `Wrap-up saved: ${done.interaction.ChannelType} ${interactionId} completed`)
    },
    ...otherButtonHandlers((message) => log.add("info", message)),
    onInvalid: (error) => log.add("warning", `Ignored a CTI control: ${error.message}`, error._tag),
  }

  board.subscribe(() => {
    active.render(board.open)
    history.render(board.done)
  })
  setInterval(active.tick, 1000)
  if (frame === undefined) log.add("error", `The page has no CRM frame (#${CrmFrameId}): CTI controls are not watched`)
  else watchCtiControlsInFrame(frame, handlers)
  updateForm()

  replaceChildren(
    root,
    h(
      "header",
      { class: "sp-header" },
      h("h2", { class: "sp-title" }, "Softphone"),
      h("span", { class: "sp-agent" }, config.signInId),
    ),
    h(
      "div",
      { class: "sp-cards" },
      connection.element,
      simulate.element,
      active.element,
      results.element,
      outboxCard.element,
      history.element,
      log.element,
    ),
  )
}
