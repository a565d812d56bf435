// What a README example says it prints: the comment that ends a `console.log(…)` line, or the comment lines that
// follow it. Outputs and expectations are compared without white space (Node breaks long objects over lines, a
// README writes them as it reads best) and without telling quotes apart; `…` in an expectation stands for anything.

// Quoted text blanked to the same length, so that brackets and slashes inside strings count for nothing.
const blankStrings = (line) =>
  line.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, (quoted) => `"${"_".repeat(quoted.length - 2)}"`)

const depthChange = (line) => {
  let depth = 0
  for (const char of blankStrings(line)) {
    if (char === "(") depth += 1
    else if (char === ")") depth -= 1
  }
  return depth
}

const trailingComment = (line) => {
  const at = /\)[^/]*?\/\/\s?/.exec(blankStrings(line))
  return at === null ? undefined : line.slice(at.index + at[0].length)
}

/** The expected outputs of the `console.log` calls of `code`, in order. */
export const expectationsOf = (code) => {
  const lines = code.split("\n")
  const expectations = []
  for (let i = 0; i < lines.length; i++) {
    const start = lines[i].indexOf("console.log(")
    if (start === -1) continue
    // The call ends where its parentheses close, on this line or a later one.
    let depth = depthChange(lines[i].slice(start))
    while (depth > 0 && i + 1 < lines.length) depth += depthChange(lines[++i])
    const sameLine = trailingComment(lines[i])
    if (sameLine !== undefined) {
      expectations.push(sameLine.trim())
      continue
    }
    const following = []
    while (i + 1 < lines.length && /^\s*\/\//.test(lines[i + 1])) following.push(lines[++i].replace(/^\s*\/\/\s?/, ""))
    if (following.length > 0) expectations.push(following.join(" "))
  }
  return expectations
}

const normal = (text) => text.replace(/\s+/g, "").replace(/["`]/g, "'")

const matcher = (expectation) =>
  new RegExp(
    `^${normal(expectation)
      .split("…")
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
    "s",
  )

/** The first expectation no output meets, each met by a later output than the one before; undefined if all are. */
export const findUnmet = (expectations, outputs) => {
  let next = 0
  for (const expectation of expectations) {
    const pattern = matcher(expectation)
    while (next < outputs.length && !pattern.test(normal(outputs[next]))) next += 1
    if (next === outputs.length) return expectation
    next += 1
  }
  return undefined
}
