/**
 * `@crmod-cti/outbox`: a durable queue in front of the CTI client. Every interaction enqueued is logged exactly once,
 * whatever happens between: crashes, outages of the service, restarts. SQLite in a directory, or PostgreSQL for a
 * fleet.
 */
export * from "./DeadLetter.js"
export * from "./DeliveredElsewhere.js"
export type { ExchangeRecord } from "./ExchangeRecord.js"
export * from "./Outbox.js"
export * from "./OutboxError.js"
export * from "./OutboxEvent.js"
export * from "./PromiseOutbox.js"
