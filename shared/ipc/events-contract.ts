/**
 * Channels of the events layer (issue 13 §6): the user's annotations and "what's new since the last
 * sync", merged into contract.ts's `Channels` and `validateRequest`. Every request is declared
 * here as a zod schema (request-schema.ts), its type inferred from it and run by `validateRequest`.
 */
import { z } from 'zod/mini';
import { CONTROL, isoDate, noFields, request } from './request-schema.js';

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

const ANNOTATION_TEXT = `the text must be 1 to ${MAX_ANNOTATION_CHARS} characters on one line`;
const ANNOTATION_ID = 'id must be an annotation id';

/** The request payloads, declared once: `EventsChannels` infers its `req` types from them. */
export const eventsRequests = {
  'annotation:list': noFields,
  'annotation:add': request(
    {
      date: isoDate('the date'),
      // The length is the trimmed text's (what is kept); control characters are looked for in what was sent.
      text: z.string({ error: ANNOTATION_TEXT }).check(z.refine((t: string) => !CONTROL.test(t), { error: ANNOTATION_TEXT }), z.trim(), z.minLength(1, { error: ANNOTATION_TEXT }), z.maxLength(MAX_ANNOTATION_CHARS, { error: ANNOTATION_TEXT })),
    },
    // At most five named: a payload with thousands of keys must not become a megabyte-long message.
    { unknownKeys: (keys) => `unexpected field ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ` and ${keys.length - 5} more` : ''}` },
  ),
  // Anything but `{ id }` is "not an annotation id", unknown keys included.
  'annotation:delete': request({ id: z.number({ error: ANNOTATION_ID }).check(z.refine((id: number) => Number.isSafeInteger(id) && id >= 1, { error: ANNOTATION_ID })) }, { unknownKeys: () => ANNOTATION_ID }),
  'sync:whats-new': noFields,
};
type ReqOf<C extends keyof typeof eventsRequests> = z.output<(typeof eventsRequests)[C]>;

/** Responses stay interfaces: our own code builds them, nothing validates them; requests are the boundary. */
export interface EventsChannels {
  'annotation:list': { req: ReqOf<'annotation:list'>; res: readonly AnnotationDto[] };
  'annotation:add': { req: ReqOf<'annotation:add'>; res: AnnotationDto };
  'annotation:delete': { req: ReqOf<'annotation:delete'>; res: { readonly deleted: true } };
  'sync:whats-new': { req: ReqOf<'sync:whats-new'>; res: WhatsNewDto };
}

