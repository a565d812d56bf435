// The Communications tab, live: the server announces the agent's changes (Server-Sent Events) and the lists are
// fetched again and swapped in. Plain browser JavaScript, loaded from /static: the CSP allows no inline script.
{
  const listsId = "communications-lists"
  const lists = document.getElementById(listsId)
  const status = document.getElementById("live-status")

  const setStatus = (state, text) => {
    if (status === null) return
    status.dataset.state = state
    status.textContent = text
  }

  const rowIds = (root) =>
    new Set([...root.querySelectorAll("tr[data-activity-id]")].map((row) => row.dataset.activityId))

  let refreshing = false
  let again = false

  // Fetch this page again and swap its lists in; rows that were not there before are marked new.
  const refresh = async () => {
    if (refreshing) {
      again = true
      return
    }
    refreshing = true
    try {
      const current = document.getElementById(listsId)
      const response = await fetch(window.location.href, {
        credentials: "same-origin",
        headers: { accept: "text/html" },
      })
      if (response.redirected || !response.ok) {
        // Signed out, or the privilege is gone: the full page says so.
        window.location.reload()
        return
      }
      const page = new DOMParser().parseFromString(await response.text(), "text/html")
      const fresh = page.getElementById(listsId)
      if (current === null || fresh === null) return
      const before = rowIds(current)
      const adopted = document.adoptNode(fresh)
      for (const row of adopted.querySelectorAll("tr[data-activity-id]")) {
        if (!before.has(row.dataset.activityId)) row.classList.add("is-new")
      }
      current.replaceWith(adopted)
    } catch {
      setStatus("offline", "Offline: reload the page")
    } finally {
      refreshing = false
      if (again) {
        again = false
        void refresh()
      }
    }
  }

  if (lists !== null && typeof EventSource === "function") {
    const subtab = lists.dataset.subtab
    const events = new EventSource(lists.dataset.events)
    let connectedBefore = false
    events.addEventListener("ready", () => {
      setStatus("live", "Live")
      // After a reconnection, changes made while disconnected were not announced.
      if (connectedBefore) void refresh()
      connectedBefore = true
    })
    events.addEventListener("change", (event) => {
      const change = JSON.parse(event.data)
      if (change.kind === "PrivilegesChanged") window.location.reload()
      else if (change.subtab === subtab) void refresh()
    })
    events.addEventListener("error", () => {
      setStatus(
        events.readyState === EventSource.CLOSED ? "offline" : "connecting",
        events.readyState === EventSource.CLOSED ? "Offline: reload the page" : "Reconnecting…",
      )
    })
  }
}
