/** The formula language's syntax tree. Positions are 0-based character offsets into the source. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Node =
  | ({ readonly kind: 'num'; readonly value: number; readonly text: string } & Span)
  | ({ readonly kind: 'ref'; readonly id: string } & Span)
  | ({ readonly kind: 'neg'; readonly arg: Node } & Span)
  | ({ readonly kind: 'bin'; readonly op: '+' | '-' | '*' | '/'; readonly left: Node; readonly right: Node } & Span)
  | ({ readonly kind: 'call'; readonly fn: string; readonly args: readonly Node[] } & Span);

export class FormulaError extends Error {
  override readonly name = 'FormulaError';
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }

  /** "column 9: …" with a caret line under the source, for terminals and tooltips. */
  describe(source: string): string {
    return `${this.message} (column ${this.start + 1})\n  ${source}\n  ${' '.repeat(this.start)}${'^'.repeat(Math.max(1, this.end - this.start))}`;
  }
}
