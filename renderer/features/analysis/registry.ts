/** The Analysis view's tabs, in the order shown. Add a panel by adding one line here. */
import type { AnalysisTab } from './tabs.js';

export const ANALYSIS_TABS: readonly AnalysisTab[] = [];
