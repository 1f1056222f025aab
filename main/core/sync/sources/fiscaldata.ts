/** Treasury FiscalData DTS operating cash balance: paged until `links.next` is null. */
import type { RawObservation } from '../../../../shared/model/observation.js';
import { parseDtsPage } from '../../../../shared/parse/fiscaldata.js';
import { parseJsonText } from '../../../../shared/parse/json.js';
import type { Result } from '../../../../shared/result.js';
import { err, ok } from '../../../../shared/result.js';
import type { IsoDate } from '../../../../shared/time/iso-date.js';
import { getWithRetry, HttpError } from '../http-client.js';
import type { SourceContext } from '../source-context.js';

const PAGE_SIZE = 1000;
const MAX_PAGES = 200;
/** The DTS API's first record date. */
const DTS_START = '2005-10-03' as IsoDate;

export async function fetchDtsTga(ctx: SourceContext, since: IsoDate | null): Promise<Result<readonly RawObservation[]>> {
  const base = `${ctx.urls.fiscaldata.replace(/\/$/, '')}/services/api/fiscal_service/v1/accounting/dts/operating_cash_balance`;
  const all = new Map<string, number>();
  for (let page = 1; page <= MAX_PAGES; page++) {
    const params = new URLSearchParams({
      fields: 'record_date,account_type,open_today_bal,close_today_bal',
      filter: `record_date:gte:${since ?? DTS_START}`,
      sort: 'record_date',
      'page[number]': String(page),
      'page[size]': String(PAGE_SIZE),
    });
    const what = `FiscalData DTS page ${page}`;
    let text: string;
    try {
      text = (await getWithRetry(ctx.http, { url: `${base}?${params.toString()}`, expect: 'json', what, timeoutMs: ctx.timeoutMs, ...(ctx.maxBytes ? { maxBytes: ctx.maxBytes } : {}), signal: ctx.signal }, ctx.retry)).body;
    } catch (e) {
      // Unreachable hosts go up to the sync engine, which checks whether the network is down.
      if (e instanceof HttpError && e.kind !== 'offline') return err(e.message);
      throw e;
    }
    const json = parseJsonText(text);
    if (!json.ok) return err(`${what}: ${json.error}`);
    const parsed = parseDtsPage(json.value);
    if (!parsed.ok) return err(`${what}: ${parsed.error}`);
    for (const o of parsed.value.observations) if (o.value !== null) all.set(o.date, o.value);
    if (parsed.value.next === null) {
      const observations = [...all.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, value]) => ({ date: date as IsoDate, value }));
      return ok(observations);
    }
  }
  return err(`FiscalData DTS: more than ${MAX_PAGES} pages; refusing to continue`);
}
