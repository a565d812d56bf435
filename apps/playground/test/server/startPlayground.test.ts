import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { DemoPassword, FastPasswordHasher, type PasswordHasher } from "@crmod-cti/emulator"
import { createClient } from "@crmod-cti/transport-fetch"
import { Effect, Either } from "effect"
import { describe, expect, it } from "vitest"
import { isLoopbackHost } from "../../src/server/loopback.js"
import { playgroundConfig } from "../../src/server/PlaygroundConfig.js"
import { startPlayground } from "../../src/server/startPlayground.js"
import { Browser } from "./support/Browser.js"
import { usePlayground } from "./support/testPlayground.js"

const playground = usePlayground()

describe("The server listens on HOST (default 127.0.0.1) and PORT (default 8080) (CONTRACT §1)", () => {
  it("defaults to 127.0.0.1:8080", () => {
    expect(Either.getOrThrow(playgroundConfig({}, {}))).toMatchObject({ host: "127.0.0.1", port: 8080 })
  })

  it("reads HOST and PORT, and the options win over them", () => {
    const env = { HOST: "::1", PORT: "9090" }
    expect(Either.getOrThrow(playgroundConfig({}, env))).toMatchObject({ host: "::1", port: 9090 })
    expect(Either.getOrThrow(playgroundConfig({ host: "127.0.0.2", port: 0 }, env))).toMatchObject({
      host: "127.0.0.2",
      port: 0,
    })
  })

  it("refuses a PORT that is not a port, naming it", () => {
    for (const PORT of ["http", "-1", "65536", "80.5"]) {
      const config = playgroundConfig({}, { PORT })
      expect(Either.isLeft(config) && config.left.message).toMatch(/^PORT must be a port number/)
    }
  })

  it("passes the emulator's variables on, and refuses bad ones naming the variable", async () => {
    expect(Either.getOrThrow(playgroundConfig({}, { CTI_MAX_REQUEST_KB: "64" })).maxRequestKb).toBe(64)
    await expect(startPlayground({ port: 0, env: { CTI_LIMITERS: "sometimes" } })).rejects.toThrow(/CTI_LIMITERS/)
  })

  it("answers GET /healthz with 200", async () => {
    const page = await new Browser(playground().url).get("/healthz")
    expect(page.status).toBe(200)
  })
})

describe("The default demo password stays on loopback unless CTI_ALLOW_DEMO_PASSWORD=1 (CONTRACT §1)", () => {
  it.each(["0.0.0.0", "::", "192.168.1.20", "crm.example.com"])("refuses to listen on %s", async (host) => {
    await expect(startPlayground({ host, port: 0, env: {} })).rejects.toMatchObject({
      _tag: "PlaygroundConfigError",
      reason: "DemoPasswordOnPublicAddress",
      message: expect.stringContaining("CTI_DEMO_PASSWORD"),
    })
    // Also when the password is set to the default explicitly.
    await expect(startPlayground({ host, port: 0, env: { CTI_DEMO_PASSWORD: "password" } })).rejects.toMatchObject({
      reason: "DemoPasswordOnPublicAddress",
    })
  })

  it("allows another address with a password of one's own, or with CTI_ALLOW_DEMO_PASSWORD=1", () => {
    expect(Either.isRight(playgroundConfig({ host: "0.0.0.0" }, { CTI_DEMO_PASSWORD: "correct horse" }))).toBe(true)
    expect(Either.isRight(playgroundConfig({ host: "0.0.0.0" }, { CTI_ALLOW_DEMO_PASSWORD: "1" }))).toBe(true)
    expect(Either.isLeft(playgroundConfig({ host: "0.0.0.0" }, { CTI_ALLOW_DEMO_PASSWORD: "yes" }))).toBe(true)
  })

  it("tells loopback addresses from the others", () => {
    for (const host of ["127.0.0.1", "127.8.9.10", "localhost", "::1", "[::1]", "::ffff:127.0.0.1"]) {
      expect(isLoopbackHost(host), host).toBe(true)
    }
    for (const host of ["0.0.0.0", "::", "10.0.0.1", "128.0.0.1", "example.com", "localhost.example.com"]) {
      expect(isLoopbackHost(host), host).toBe(false)
    }
  })
})

describe("A port in use is named before anything is built (issue 15: Start)", () => {
  it("rejects with PortInUse, naming PORT", async () => {
    const { port } = new URL(playground().url)
    await expect(startPlayground({ port: Number(port), env: {} })).rejects.toMatchObject({
      _tag: "PlaygroundConfigError",
      reason: "PortInUse",
      message: expect.stringContaining("set PORT"),
    })
  })

  it("makes `start` stop before its build, naming PORT", async () => {
    const { port } = new URL(playground().url)
    const script = fileURLToPath(new URL("../../scripts/start.mjs", import.meta.url))
    const started = spawn(process.execPath, [script], { env: { ...process.env, PORT: port } })
    let output = ""
    started.stdout.on("data", (chunk) => (output += chunk))
    started.stderr.on("data", (chunk) => (output += chunk))
    const code = await new Promise((resolve) => started.once("exit", resolve))
    expect(code).toBe(1)
    expect(output).toContain(`Port ${port} on 127.0.0.1 is already in use`)
    expect(output).toContain("set PORT")
    expect(output).not.toContain("Building")
  })
})

describe("The CTI Activity Web service keeps the emulator's limits (CONTRACT §6, §12)", () => {
  it("CTI_CONCURRENT_REQUESTS caps the company's requests in progress: one more is refused at once", async () => {
    // A password check for "held" waits until the test lets it go: its request holds the company's one slot.
    let inCheck: () => void = () => undefined
    const checking = new Promise<void>((resolve) => {
      inCheck = resolve
    })
    let release: () => void = () => undefined
    const released = new Promise<void>((resolve) => {
      release = resolve
    })
    const passwordHasher: PasswordHasher = {
      hash: FastPasswordHasher.hash,
      verify: (password, hash) =>
        password === "held"
          ? Effect.zipRight(
              Effect.promise(() => {
                inCheck()
                return released
              }),
              FastPasswordHasher.verify(password, hash),
            )
          : FastPasswordHasher.verify(password, hash),
    }
    const running = await startPlayground({
      port: 0,
      passwordHasher,
      env: { CTI_LIMITERS: "on", CTI_CONCURRENT_REQUESTS: "1", CTI_LOCKOUT: "off" },
    })
    const clientOf = (password: string) =>
      createClient({ endpoint: `${running.url}/Services/Integration`, username: "OKP/mos.def", password, retry: false })
    const [held, other] = [clientOf("held"), clientOf(DemoPassword)]
    try {
      const call = { InteractionId: "cap-1", AgentOfferTime: 1_700_000_000, ChannelType: "Inbound Call" } as const
      const holding = held.insert([call]).catch((error: unknown) => error)
      await checking
      await expect(other.insert([call])).rejects.toMatchObject({ reason: "ConcurrentRequestAllotment" })
      release()
      expect(await holding).toMatchObject({ reason: "AuthenticationFailed" })
      expect((await other.insert([call]))[0]?.Status).toBe("OK")
    } finally {
      release()
      await Promise.all([held.close(), other.close()])
      await running.close()
    }
  })
})
