/** The Analysis view's tabs, in the order shown. Add a panel by adding one line here. */
import type { AnalysisTab } from './tabs.js';
import { AttributionPanel } from './AttributionPanel.js';
import { AlertsPanel } from './AlertsPanel.js';
import { RmpPanel } from './RmpPanel.js';
import { BillsPanel } from './BillsPanel.js';
import { EpisodePanel } from './EpisodePanel.js';
import { ContextPanel } from './ContextPanel.js';
import { EventsPanel } from './EventsPanel.js';
import { FairValuePanel } from './FairValuePanel.js';

export const ANALYSIS_TABS: readonly AnalysisTab[] = [
  { id: 'rmp', label: 'RMP tracker', Panel: RmpPanel },
  { id: 'attribution', label: 'What moved reserves', Panel: AttributionPanel },
  { id: 'bills', label: 'Bills', Panel: BillsPanel },
  { id: 'episode', label: '2019 vs now', Panel: EpisodePanel },
  { id: 'context', label: 'Context', Panel: ContextPanel },
  { id: 'fairvalue', label: 'Fair value', Panel: FairValuePanel },
  { id: 'events', label: 'Events & what’s new', Panel: EventsPanel },
  { id: 'alerts', label: 'Alerts', Panel: AlertsPanel },
];
