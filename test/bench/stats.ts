/** Summary statistics and the printed/JSON form of one benchmark figure. */
export interface Figure {
  readonly name: string;
  readonly unit: string;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly p95?: number;
  readonly goal: string;
  readonly met: boolean | null;
  readonly note?: string;
}

export function summarize(samples: readonly number[]): { median: number; min: number; max: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.round(q * (s.length - 1)))] ?? Number.NaN;
  return { median: at(0.5), min: s[0] ?? Number.NaN, max: s[s.length - 1] ?? Number.NaN, p95: at(0.95) };
}

export function printFigure(f: Figure): void {
  const n = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3));
  const verdict = f.met === null ? 'n/a ' : f.met ? 'MET ' : 'MISS';
  console.log(`${verdict} ${f.name.padEnd(66)} median ${n(f.median).padStart(9)} ${f.unit.padEnd(6)} (min ${n(f.min)}, ${f.p95 === undefined ? '' : `p95 ${n(f.p95)}, `}max ${n(f.max)})  goal ${f.goal}${f.note ? `  — ${f.note}` : ''}`);
}
