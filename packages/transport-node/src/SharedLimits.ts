/**
 * One user's limits shared by every process of a fleet through Redis (CONTRACT §12): each client of the user at the
 * endpoint, in any process on any host, draws its request slots from Redis, so that together they keep under the
 * per-user rate limit (20 requests a second, 50 ms apart), and a `RequestWait` one of them is answered holds back
 * all of them. A process alone still gets the full rate. If Redis cannot be reached, a client paces alone at a
 * quarter of the limit and logs a warning once, until Redis answers again.
 */
export interface SharedLimits {
  /** `redis://[[user]:password@]host:port[/db]`, or `rediss://…` for TLS. */
  readonly redis: string
  /** Put before every key this client writes (default `"crmod-cti:"`), to share one Redis with other uses. */
  readonly keyPrefix?: string
  /**
   * The company's Web Services Operations Allotment (its allotment page's figure): the processes count the
   * operations they send in Redis in hourly buckets over 24 hours, and slow down once less than a tenth is left.
   * Without it, they react to the service's `OperationsAllotment` fault only.
   */
  readonly operationsAllotment?: number
}
