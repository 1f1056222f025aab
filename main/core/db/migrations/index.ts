import type { Migration } from '../migrate.js';
import { m0010Initial } from './0010-initial.js';
import { m0020ScenariosLayouts } from './0020-scenarios-layouts.js';
import { m0030DayKeysColumns } from './0030-day-keys-columns.js';
import { m0040WiderCatalog } from './0040-wider-catalog.js';
import { m0050UserSeriesRunMessages } from './0050-user-series-run-messages.js';
import { m0060Alerts } from './0060-alerts.js';
import { m0070Annotations } from './0070-annotations.js';

export const MIGRATIONS: readonly Migration[] = [m0010Initial, m0020ScenariosLayouts, m0030DayKeysColumns, m0040WiderCatalog, m0050UserSeriesRunMessages, m0060Alerts, m0070Annotations];
