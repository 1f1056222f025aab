import type { RawObservation } from '../../../shared/model/observation.js';
import type { Result } from '../../../shared/result.js';
import type { IsoDate } from '../../../shared/time/iso-date.js';
import type { HttpDeps, RetryPolicy } from './http-client.js';
import type { RateLimiter } from './rate-limit.js';

/** Base URLs, configurable so tests point every source at a loopback server. */
export interface SourceUrls {
  readonly fredApi: string;
  readonly fredGraph: string;
  readonly nyfed: string;
  readonly fiscaldata: string;
}

export const PUBLIC_URLS: SourceUrls = {
  fredApi: 'https://api.stlouisfed.org/fred',
  fredGraph: 'https://fred.stlouisfed.org',
  nyfed: 'https://markets.newyorkfed.org',
  fiscaldata: 'https://api.fiscaldata.treasury.gov',
};

export interface SourceContext {
  readonly http: HttpDeps;
  readonly urls: SourceUrls;
  readonly fredApiKey: string | null;
  readonly fredLimiter: RateLimiter;
  readonly retry: RetryPolicy;
  readonly timeoutMs: number;
  /** Largest response body accepted (default 64 MB; tests lower it). */
  readonly maxBytes?: number;
  readonly signal: AbortSignal | undefined;
  /** Today's calendar date (from the injected clock), the end of every date-range request. */
  readonly today: IsoDate;
}

/** A source's answer for each series of one job; a series missing from the map got nothing. */
export type JobResult = ReadonlyMap<string, Result<readonly RawObservation[]>>;
