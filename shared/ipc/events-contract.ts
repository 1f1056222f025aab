/**
 * Channels of the events layer (issue 13 §6): the user's annotations and "what's new since the last
 * sync", merged into contract.ts's `Channels` and `validateRequest`. Every request is validated here.
 */
import type { Json } from '../parse/json.js';
import { isObject } from '../parse/json.js';
import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import { isIsoDate } from '../time/iso-date.js';

/** Longest annotation text: a marker's label, not a note-taking tool. */
export const MAX_ANNOTATION_CHARS = 200;

export interface AnnotationDto {
  readonly id: number;
  readonly date: string;
  readonly text: string;
  readonly createdAt: string;
}

export interface WhatsNewDto {
  /** The newest finished sync run (null: none since the data folder was made). */
  readonly run: { readonly id: number; readonly startedAt: string; readonly finishedAt: string | null; readonly status: string } | null;
  /** Series the run wrote rows to, with how many and how many were revisions. */
  readonly updated: readonly { readonly seriesId: string; readonly rowsWritten: number; readonly revisions: number }[];
  /** Revised observations of that run, old → new (at most `MAX_WHATS_NEW_REVISIONS`, newest dates first). */
  readonly revisions: readonly { readonly seriesId: string; readonly date: string; readonly oldValue: number; readonly newValue: number }[];
  readonly revisionsTotal: number;
}

export const MAX_WHATS_NEW_REVISIONS = 200;

export interface EventsChannels {
  'annotation:list': { req: Record<string, never>; res: readonly AnnotationDto[] };
  'annotation:add': { req: { date: string; text: string }; res: AnnotationDto };
  'annotation:delete': { req: { id: number }; res: { readonly deleted: true } };
  'sync:whats-new': { req: Record<string, never>; res: WhatsNewDto };
}

type Validators = { [C in keyof EventsChannels]: (p: Json) => Result<EventsChannels[C]['req']> };

const empty = (p: Json): Result<Record<string, never>> => (isObject(p) && Object.keys(p).length === 0 ? ok({}) : err('this request takes no fields'));

export const eventsValidators: Validators = {
  'annotation:list': empty,
  'annotation:add': (p) => {
    if (!isObject(p)) return err('expected an object');
    const extra = Object.keys(p).filter((k) => k !== 'date' && k !== 'text');
    if (extra.length > 0) return err(`unexpected field ${extra.join(', ')}`);
    const date = p['date'];
    if (typeof date !== 'string' || !isIsoDate(date)) return err('the date must be a date (YYYY-MM-DD)');
    const text = p['text'];
    // eslint-disable-next-line no-control-regex
    if (typeof text !== 'string' || text.trim() === '' || text.trim().length > MAX_ANNOTATION_CHARS || /[\u0000-\u001f]/.test(text)) return err(`the text must be 1 to ${MAX_ANNOTATION_CHARS} characters on one line`);
    return ok({ date, text: text.trim() });
  },
  'annotation:delete': (p) => {
    if (!isObject(p)) return err('expected an object');
    const id = p['id'];
    if (Object.keys(p).length !== 1 || typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) return err('id must be an annotation id');
    return ok({ id });
  },
  'sync:whats-new': empty,
};
