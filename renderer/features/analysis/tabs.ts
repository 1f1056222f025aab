/**
 * The Analysis view's panels, one per question an analyst asks every week (issue 13). Each panel lives in
 * its own module and is listed here once; the view draws the tab bar from this list.
 */
import type { ComponentType } from 'react';

export interface AnalysisPanelProps {
  /** Changes when the theme does, so charts recolour at once. */
  readonly themeKey: string;
  readonly onStatus: (message: string) => void;
}

export interface AnalysisTab {
  /** Stable id: used in data-tab attributes, e2e tests and the remembered choice. */
  readonly id: string;
  readonly label: string;
  readonly Panel: ComponentType<AnalysisPanelProps>;
}
