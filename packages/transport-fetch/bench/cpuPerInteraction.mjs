/**
 * The process's own CPU time (`process.cpuUsage`: all of its threads, JIT and GC included) for `calls` calls of one
 * interaction, 10 in flight, after `warmUp` calls one at a time: user and system µs per interaction.
 */
export const cpuPerInteraction = async (insert, interaction, { calls, warmUp }) => {
  for (let i = 0; i < warmUp; i++) await insert(interaction())
  const cpu = process.cpuUsage()
  let remaining = calls
  const loop = async () => {
    while (remaining-- > 0) await insert(interaction())
  }
  await Promise.all(Array.from({ length: 10 }, loop))
  const used = process.cpuUsage(cpu)
  return { user: used.user / calls, system: used.system / calls }
}
