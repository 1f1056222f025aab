/** `episode`: 2019 against 2025–26, aligned on QT end, the spike, or chosen dates (issue 13 §3). */
import { evaluateFormula } from '../../../shared/compute/formula/evaluate.js';
import { parseFormula } from '../../../shared/compute/formula/parse.js';
import { EPISODE_SERIES_IDS, EPISODES, episodeReport, parseAlign, RESERVES_GDP_KEY, type Columns, type EpisodeReport, type KeyFact } from '../../../shared/compute/episode.js';
import { storeFormulaEnv } from '../analysis/formula-env.js';
import { getColumns } from '../db/repos/observations-repo.js';
import type { Db } from '../db/open-database.js';
import { CommandError } from './analysis-commands.js';
import { table } from './format.js';

/** The store series the episode reads, plus reserves/GDP as known then (the Workspace formula). */
export function episodeInputsFromStore(db: Db): { get: (id: string) => Columns | undefined } {
  const m = new Map<string, Columns>();
  for (const id of EPISODE_SERIES_IDS) m.set(id, getColumns(db, id));
  const ratio = evaluateFormula(parseFormula(RESERVES_GDP_KEY), storeFormulaEnv(db)).series;
  if (ratio !== null) m.set(RESERVES_GDP_KEY, ratio);
  return { get: (id) => m.get(id) };
}

const fmt = (unit: string, v: number | null): string => {
  if (v === null) return '—';
  if (unit === 'bp') return `${v > 0 ? '+' : ''}${v.toFixed(1)} bp`;
  if (unit === 'percent') return `${v.toFixed(2)}%`;
  return `$${v.toLocaleString('en-US', { maximumFractionDigits: 3 })}bn`;
};
const off = (o: number): string => (o === 0 ? '0 d' : `${o > 0 ? '+' : '−'}${Math.abs(o)} d`);
const factLine = (f: KeyFact): string => `  ${f.text}: ${fmt(f.unit, f.value)}${f.date ? ` on ${f.date}` : ''} (${f.seriesId})`;

export function cmdEpisode(db: Db, opts: { align?: string; json: boolean }): EpisodeReport {
  const align = parseAlign(opts.align ?? 'qt-end');
  if (align === null) throw new CommandError(`--align ${opts.align ?? ''}: use qt-end, spike, a date (YYYY-MM-DD) or two dates D2019,Dnow`);
  const r = episodeReport(episodeInputsFromStore(db), align);
  if (opts.json) {
    console.log(JSON.stringify(r, null, 2));
    return r;
  }
  console.log(`Is this 2019 again? Aligned on ${r.align}: ${EPISODES.map((e) => `${e.label} day 0 = ${r.anchors[e.id]}`).join('; ')}`);
  for (const row of r.rows) {
    console.log(`\n${row.title}`);
    console.log(
      table(
        ['episode', ...r.offsets.map(off)],
        EPISODES.map((e) => [e.label, ...(row.episodes[e.id] ?? []).map((v) => (v.value === null ? '—' : `${fmt(row.unit, v.value)} (${v.date ?? ''})`))]),
      ),
    );
  }
  console.log('\nKey facts, from the data:');
  for (const f of r.facts) console.log(factLine(f));
  console.log('\nNotes:');
  for (const n of r.notes) console.log(`  ${n}`);
  console.log('  Each cell: the latest observation on or before the offset day (its date in brackets), within 8 days for weekly and 4 for daily series.');
  return r;
}
