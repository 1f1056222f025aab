/** NY Fed Markets API: reference rates (one request per rate, six series each) and operation results. */
import type { NyFedRateType, SeriesDef } from '../../../../shared/catalog.js';
import type { RawObservation } from '../../../../shared/model/observation.js';
import { parseJsonText } from '../../../../shared/parse/json.js';
import { dailyTakeUp, parseNyFedOperations, parseNyFedRates } from '../../../../shared/parse/nyfed.js';
import type { Result } from '../../../../shared/result.js';
import { err, ok } from '../../../../shared/result.js';
import type { IsoDate } from '../../../../shared/time/iso-date.js';
import { getWithRetry, HttpError } from '../http-client.js';
import type { JobResult, SourceContext } from '../source-context.js';

const SECURED = new Set<NyFedRateType>(['sofr', 'tgcr', 'bgcr']);
/** First publication dates, used when the store has nothing yet. */
const RATE_START: Record<NyFedRateType, IsoDate> = {
  sofr: '2018-04-02' as IsoDate,
  tgcr: '2018-04-02' as IsoDate,
  bgcr: '2018-04-02' as IsoDate,
  effr: '2016-03-01' as IsoDate,
  obfr: '2016-03-01' as IsoDate,
};
const SRF_START = '2021-07-01' as IsoDate;
const ONRRP_START = '2013-09-23' as IsoDate;

async function getJson(ctx: SourceContext, url: string, what: string): Promise<Result<unknown>> {
  try {
    const res = await getWithRetry(ctx.http, { url, expect: 'json', what, timeoutMs: ctx.timeoutMs, ...(ctx.maxBytes ? { maxBytes: ctx.maxBytes } : {}), signal: ctx.signal }, ctx.retry);
    const json = parseJsonText(res.body);
    return json.ok ? ok(json.value) : err(`${what}: ${json.error}`);
  } catch (e) {
    // Unreachable hosts go up to the sync engine, which checks whether the network is down.
    if (e instanceof HttpError && e.kind !== 'offline') return err(e.message);
    throw e;
  }
}

function everyone(defs: readonly SeriesDef[], error: string): JobResult {
  return new Map(defs.map((d) => [d.id, err(error)]));
}

export async function fetchNyFedRates(ctx: SourceContext, rateType: NyFedRateType, defs: readonly SeriesDef[], since: IsoDate | null): Promise<JobResult> {
  const what = `NY Fed ${rateType.toUpperCase()}`;
  const params = new URLSearchParams({ startDate: since ?? RATE_START[rateType], endDate: ctx.today });
  const url = `${ctx.urls.nyfed.replace(/\/$/, '')}/api/rates/${SECURED.has(rateType) ? 'secured' : 'unsecured'}/${rateType}/search.json?${params.toString()}`;
  const body = await getJson(ctx, url, what);
  if (!body.ok) return everyone(defs, body.error);
  const cols = parseNyFedRates(body.value as Parameters<typeof parseNyFedRates>[0], rateType);
  if (!cols.ok) return everyone(defs, cols.error);
  const out = new Map<string, Result<readonly RawObservation[]>>();
  for (const d of defs) {
    if (d.sourceKey.kind !== 'nyfed-rate') continue;
    out.set(d.id, ok(cols.value[d.sourceKey.field]));
  }
  return out;
}

export async function fetchNyFedOperations(ctx: SourceContext, feed: 'srf' | 'onrrp', defs: readonly SeriesDef[], since: IsoDate | null): Promise<JobResult> {
  const what = feed === 'srf' ? 'NY Fed repo operations' : 'NY Fed reverse repo operations';
  const params = new URLSearchParams({ startDate: since ?? (feed === 'srf' ? SRF_START : ONRRP_START), endDate: ctx.today });
  const path = feed === 'srf' ? 'repo' : 'reverserepo';
  const url = `${ctx.urls.nyfed.replace(/\/$/, '')}/api/rp/${path}/all/results/search.json?${params.toString()}`;
  const body = await getJson(ctx, url, what);
  if (!body.ok) return everyone(defs, body.error);
  const ops = parseNyFedOperations(body.value as Parameters<typeof parseNyFedOperations>[0]);
  if (!ops.ok) return everyone(defs, ops.error);
  const daily = dailyTakeUp(ops.value, feed === 'srf' ? 'Repo' : 'Reverse Repo');
  if (!daily.ok) return everyone(defs, daily.error);
  const out = new Map<string, Result<readonly RawObservation[]>>();
  for (const d of defs) {
    if (d.sourceKey.kind !== 'nyfed-ops') continue;
    out.set(d.id, ok(daily.value[d.sourceKey.slot]));
  }
  return out;
}
