/**
 * A document as the parser gets it: the input with some of its ranges rewritten, in document order. Nothing is
 * copied until something is rewritten, so a document the pre-check leaves as it is costs no copy.
 */
export class Markup {
  private text = ""
  private copied: number

  constructor(
    private readonly xml: string,
    start: number,
  ) {
    this.copied = start
  }

  /** Replaces `[from, to)`, which starts at or after the end of the previous replacement, with `by`. */
  replace(from: number, to: number, by: string): void {
    this.text += this.xml.slice(this.copied, from) + by
    this.copied = to
  }

  toString(): string {
    return this.copied === 0 ? this.xml : this.text + this.xml.slice(this.copied)
  }
}
