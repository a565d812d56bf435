import type { ChannelType, Interaction, InsertResult } from "@crmod-cti/core"
import { screenPopUrlFor, wrapUpUrlFor } from "@crmod-cti/servlet-urls"
import { createClient, type FetchClientOptions } from "@crmod-cti/transport-fetch"
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
import { createResultCard } from "./ui/ResultCard.js"
import { createSimulateCard } from "./ui/SimulateCard.js"

/** The name the softphone gives itself on every request (CRM On Demand's utilisation page shows it). */
export const ClientName = "crmod-cti playground softphone"

/** The id of the iframe that shows the CRM beside the softphone. */
export const CrmFrameId = "crm-frame"

type PromiseClient = ReturnType<typeof createClient>

// A softphone is interactive: give up after a few seconds rather than the library's patient defaults.
const clientTuning: Pick<FetchClientOptions, "timeoutMs" | "retry"> = {
  timeoutMs: 15_000,
  retry: { maxRetries: 2, initialBackoff: "500 millis", maxBackoff: "2 seconds" },
}

/** What one logged interaction is about, for the result card and the log. */
interface Logging {
  readonly interaction: Interaction
  readonly title: string
  readonly party: string
  readonly dialledFrom?: { readonly recordType: string; readonly recordId: string }
}

/**
 * The softphone simulator, the CTI application beside the CRM: it logs interactions with `CTIActivityInsert`
 * (through `@crmod-cti/transport-fetch`), screen-pops and opens wrap-up pages through the CTICommand servlet
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
  let client: PromiseClient | undefined
  let inFlight = 0

  const results = createResultCard()
  const active = createActiveCard({ onHangUp: (id) => hangUp(id), onOpenWrapUp: (id) => openWrapUp(id) })
  const history = createHistoryCard()
  const simulate = createSimulateCard({ prefill: config.prefill, onSimulate: (input) => simulateInbound(input) })
  const connection = createConnectionCard({
    signInId: config.signInId,
    password: config.demoPassword,
    onConnect: (password) => connect(password),
  })
  const updateForm = () => simulate.setEnabled(client !== undefined && inFlight === 0)

  const connect = (password: string): void => {
    client = createClient({
      endpoint: config.endpoint,
      username: config.signInId,
      password,
      clientName: ClientName,
      ...clientTuning,
    })
    connection.setStatus("connected")
    log.add("info", `Connected as ${config.signInId} to ${config.endpoint}`)
    updateForm()
  }

  const openInCrm = (url: string): void => {
    if (frame === undefined) {
      log.add("error", `The page has no CRM frame (#${CrmFrameId}) to open ${url} in`)
      return
    }
    frame.src = url
  }

  const screenPop = (result: InsertResult, channelType: ChannelType): void =>
    Either.match(screenPopUrlFor(config.ctiBaseUrl, result, channelType), {
      onLeft: (error) => log.add("warning", error.message, error._tag),
      onRight: (url) => {
        log.add("info", `Screen pop: ${result.ScreenPopRecordType} ${result.ScreenPopRecordId}`)
        openInCrm(url)
      },
    })

  const logInteraction = async (logging: Logging): Promise<void> => {
    if (client === undefined) {
      log.add("warning", `${logging.title}: connect the softphone first`)
      return
    }
    const { interaction, title } = logging
    const context =
      logging.dialledFrom === undefined
        ? undefined
        : `Dialled from ${logging.dialledFrom.recordType} ${logging.dialledFrom.recordId}`
    inFlight += 1
    updateForm()
    log.add("info", `${title}: logging interaction ${interaction.InteractionId}…`)
    try {
      const [result] = await client.insert([interaction])
      if (result === undefined) throw new Error(`The service answered no result for ${interaction.InteractionId}`)
      connection.setStatus("verified")
      results.showResult(title, result, context)
      const found = associatedRecords(result).map((row) => `${row.label} ${row.value}`)
      log.add(
        result.Status === "OK" ? "success" : "warning",
        `${title}: ${result.Status}${result.ActivityId === undefined ? "" : `, activity ${result.ActivityId}`}`,
        found.length === 0 ? "No associated record" : found.join(" · "),
      )
      if (result.Status !== "OK") return
      board.add({ interaction, result, party: logging.party })
      screenPop(result, interaction.ChannelType)
    } catch (error) {
      const description = describeError(error)
      const credentials = credentialsAfter(error)
      if (credentials !== undefined) connection.setStatus(credentials === "refused" ? "refused" : "verified")
      results.showError(title, description)
      log.add("error", `${title} failed: ${description.message}`, description.kind)
    } finally {
      inFlight -= 1
      updateForm()
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
      history.element,
      log.element,
    ),
  )
}
