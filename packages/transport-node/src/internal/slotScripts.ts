// The shared limits' Lua scripts: Redis runs each atomically, on its own clock (`TIME`), so that processes on hosts
// whose clocks differ agree on every time they compare. Times are epoch milliseconds, passed back as strings (Redis
// turns a Lua number into an integer). The arithmetic of `claim` is the core's `allowedAt`, the service's own.

/** Lets a script write after reading `TIME` on Redis before 7 (a no-op since). */
const now = `
if redis.replicate_commands then redis.replicate_commands() end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
`

/**
 * The fleet's margin (a hash of value and since when): the widest margin a pacer of the fleet reached after a
 * rate-limit fault, narrowing by `narrowing` ms a second, so that a fault one process is answered widens every
 * process's margin.
 */
const fleetMargin = `
local function fleetMargin(key, narrowing)
  local kept = redis.call('HMGET', key, 'value', 'at')
  if kept[1] == false then return 0 end
  return tonumber(kept[1]) - (now - tonumber(kept[2])) * tonumber(narrowing) / 1000
end
`

/**
 * A request's slot goes from granted to sent (its request leaving, told by the process that took it) to answered.
 * Until it is answered, or its margin after it was sent has passed, the next slot waits: the service stamps a request
 * by its answer, and the margin after it left when the answer takes longer. A slot granted but not said to be sent
 * (its process stalled after the grant) counts as sent at the latest `ARGV` send bound after the grant.
 * While the service usually answers quickly (within `ARGV[10]` ms: a service near by), an answer that takes longer
 * means a stall on the way (a busy host, a collection), in which the request may well not be stamped yet: the next
 * slot waits for the answer up to the stall bound. (In one process a stall holds back the next request as well;
 * across processes it does not.) A service that usually answers slower is paced by the margin, as in one process.
 *
 * KEYS: stamps (list of the user's last requests as the service stamps them), last (hash of the last grant), hold
 * (the user's hold-until), slow (the company's next turn while its allotment runs low), margin (the fleet's),
 * latency (the user's answers' usual time, from leaving to answer).
 * Once the last request is settled, a slot due within a poll is granted ahead, due `ms` from now: its process waits
 * for it and sends without asking again (asking again costs a Redis round trip and a timer's lateness, together 2–3%
 * of the rate when paid on every request). The others find it granted and wait for the spacing after it; a hold set
 * meanwhile by a fault does not stop it, as it would not stop a request granted a moment earlier. A slot due later
 * goes to the first process awake when it is due: granted ahead, it would wait for its one process's timer, which
 * on a busy host wakes later than the first of several.
 * ARGV: slot id, the pacer's margin ms, requests per second, least spacing ms, ms to poll an unanswered request (and
 * the most a slot is granted ahead), key ttl ms, the fleet margin's narrowing ms a second, the send bound ms, the
 * stall bound ms, the quick answer ms.
 * Answers `{1, ms}` with the slot taken, due in `ms` (0: now), or `{0, ms}` to ask again after `ms`, `{0, ms,
 * 'answer'}` if sooner when an answer is published (`answeredScript`).
 */
export const claimScript = `${now}${fleetMargin}
local perSecond, spacing, sendBound = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[8])
local margin = math.max(tonumber(ARGV[2]), fleetMargin(KEYS[5], ARGV[7]))
local stamps = redis.call('LRANGE', KEYS[1], 0, -1)
local count = #stamps
local at = math.max(now, tonumber(redis.call('GET', KEYS[3]) or '0'), tonumber(redis.call('GET', KEYS[4]) or '0'))
if count >= perSecond then at = math.max(at, tonumber(stamps[count - perSecond + 1]) + 1000) end
if count > 0 then
  local last = redis.call('HMGET', KEYS[2], 'at', 'sent', 'margin', 'answered')
  local grantedAt = tonumber(last[1])
  if grantedAt ~= nil and last[4] == '0' then
    local sentAt = tonumber(last[2])
    local waitsFor = tonumber(last[3])
    local latency = tonumber(redis.call('GET', KEYS[6]) or '0')
    if latency < tonumber(ARGV[10]) then waitsFor = math.max(waitsFor, tonumber(ARGV[9])) end
    local pendingUntil = sentAt + waitsFor
    if sentAt == 0 then
      sentAt = grantedAt
      pendingUntil = grantedAt + sendBound + tonumber(last[3])
    end
    if now < pendingUntil then
      -- The next one may go the spacing after it left at the earliest: ask again then, and shortly after that.
      local earliest = math.max(at, sentAt + spacing)
      if earliest > now then return {0, tostring(earliest - now)} end
      return {0, tostring(math.min(tonumber(ARGV[5]), pendingUntil - now)), 'answer'}
    end
  end
  at = math.max(at, tonumber(stamps[count]) + spacing)
end
if at > now + tonumber(ARGV[5]) then return {0, tostring(at - now)} end
at = math.max(at, now)
redis.call('RPUSH', KEYS[1], tostring(at + sendBound + margin))
redis.call('LTRIM', KEYS[1], -perSecond, -1)
redis.call('HSET', KEYS[2], 'id', ARGV[1], 'at', tostring(at), 'sent', '0', 'margin', tostring(margin), 'answered', '0')
redis.call('PEXPIRE', KEYS[1], ARGV[6])
redis.call('PEXPIRE', KEYS[2], ARGV[6])
return {1, tostring(at - now)}
`

/** The slot `ARGV[1]` is the last granted and not answered yet (KEYS[2] the last grant, KEYS[1] the stamps). */
const ownLast = `
local last = redis.call('HMGET', KEYS[2], 'id', 'at', 'sent', 'margin', 'answered')
local own = last[1] == ARGV[1] and last[5] == '0' and redis.call('LLEN', KEYS[1]) > 0
`

/**
 * KEYS: stamps, last, operations (the company's: hour → operations sent in it), slow (the company's next turn).
 * ARGV: slot id, operations sent, the company's allotment (0: not counted), the longest pause ms.
 * The slot's request is leaving: it is stamped by its margin from now. With an allotment, counts its operations in
 * the current hour's bucket, as the allotment page reports them; a bucket counts for 24 hours. While less than a
 * tenth of the allotment is left, the company's next request waits for its share of what is left spread evenly
 * until the oldest bucket stops counting (at most the longest pause: past that, the service's own fault and the
 * back-off take over).
 */
export const sentScript = `${now}${ownLast}
if own and last[3] == '0' then
  redis.call('HSET', KEYS[2], 'sent', tostring(now))
  redis.call('LSET', KEYS[1], -1, tostring(now + tonumber(last[4])))
end
local operations, allotment = tonumber(ARGV[2]), tonumber(ARGV[3])
if allotment == 0 then return '0' end
local hour = math.floor(now / 3600000)
redis.call('HINCRBY', KEYS[3], tostring(hour), operations)
redis.call('PEXPIRE', KEYS[3], 25 * 3600000)
local buckets = redis.call('HGETALL', KEYS[3])
local used, oldest = 0, hour
for i = 1, #buckets, 2 do
  local bucket = tonumber(buckets[i])
  if bucket <= hour - 24 then
    redis.call('HDEL', KEYS[3], buckets[i])
  else
    used = used + tonumber(buckets[i + 1])
    oldest = math.min(oldest, bucket)
  end
end
local left = allotment - used
if left * 10 >= allotment then return '0' end
local frees = (oldest + 24) * 3600000
local pause = math.min(tonumber(ARGV[4]), operations * (frees - now) / math.max(left, 1))
local nextAt = now + pause
if nextAt > tonumber(redis.call('GET', KEYS[4]) or '0') then
  redis.call('SET', KEYS[4], tostring(nextAt), 'PX', math.ceil(pause) + 1)
end
return tostring(pause)
`

/**
 * KEYS: stamps, last, latency. ARGV: slot id, key ttl ms, credit ms, the user's channel. The slot's request was
 * answered: stamped by now less the credit (the part of a round trip the next request pays too, as the
 * single-process pacer reckons it), if not by its margin already; the answers' usual time (a moving average) takes
 * this one in; the processes waiting for the answer are told on the channel.
 */
export const answeredScript = `${now}${ownLast}
if not own then return 0 end
local sentAt = tonumber(last[3])
if sentAt == 0 then sentAt = tonumber(last[2]) end
local stampedBy = sentAt + tonumber(last[4])
local stampAt = math.max(sentAt, now - tonumber(ARGV[3]))
if stampAt < stampedBy then
  redis.call('LSET', KEYS[1], -1, tostring(stampAt))
end
redis.call('HSET', KEYS[2], 'answered', '1')
local took = now - sentAt
local latency = tonumber(redis.call('GET', KEYS[3]) or '0')
-- From nothing, quick to come down, slow to go up: a few slow answers (the first ones open connections) do not make
-- it usual; until a few answers are in, the next slot waits for the answer as after a stall.
local weight = took < latency and 0.5 or 0.1
redis.call('SET', KEYS[3], tostring(latency + (took - latency) * weight), 'PX', ARGV[2])
redis.call('PUBLISH', ARGV[4], '')
return 1
`

/** KEYS: stamps, last. ARGV: slot id. Nothing was sent in the slot: its stamp goes, if it is still the last. */
export const releaseScript = `
if redis.call('HGET', KEYS[2], 'id') ~= ARGV[1] then return 0 end
redis.call('RPOP', KEYS[1])
redis.call('DEL', KEYS[2])
return 1
`

/**
 * KEYS: hold, margin (the fleet's). ARGV: ms, the pacer's margin widened by the fault, key ttl ms, the fleet margin's
 * narrowing ms a second. Holds the user's requests back for `ms` from now (or longer if held so already), and
 * widens the fleet's margin to the pacer's.
 */
export const holdScript = `${now}${fleetMargin}
local holdUntil = now + tonumber(ARGV[1])
if holdUntil > tonumber(redis.call('GET', KEYS[1]) or '0') then
  redis.call('SET', KEYS[1], tostring(holdUntil), 'PX', math.ceil(tonumber(ARGV[1])) + 1)
end
if tonumber(ARGV[2]) > fleetMargin(KEYS[2], ARGV[4]) then
  redis.call('HSET', KEYS[2], 'value', ARGV[2], 'at', tostring(now))
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
end
return 1
`
