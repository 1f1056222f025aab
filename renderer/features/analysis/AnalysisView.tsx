/** Analysis: the weekly questions (what moved reserves, what the Fed bought, 2019 vs now, bills, context). */
import { useState } from 'react';
import { ANALYSIS_TABS } from './registry.js';
import type { AnalysisPanelProps } from './tabs.js';

/** The tab last chosen, kept for the session so a view switch does not lose it. */
let lastTab: string | undefined;

export function AnalysisView({ themeKey, onStatus }: AnalysisPanelProps): React.JSX.Element {
  const [tab, setTab] = useState<string | undefined>(lastTab ?? ANALYSIS_TABS[0]?.id);
  const current = ANALYSIS_TABS.find((t) => t.id === tab) ?? ANALYSIS_TABS[0];
  const choose = (id: string): void => {
    lastTab = id;
    setTab(id);
  };
  if (!current) return <div className="view analysis state">No analysis panels yet.</div>;
  const { Panel } = current;
  return (
    <div className="view analysis">
      <div className="tabs" role="tablist" aria-label="Analysis panels">
        {ANALYSIS_TABS.map((t) => (
          <button key={t.id} type="button" role="tab" id={`analysis-tab-${t.id}`} aria-selected={t.id === current.id} aria-controls="analysis-panel" className={t.id === current.id ? 'on' : ''} data-tab={t.id} onClick={() => choose(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <section id="analysis-panel" role="tabpanel" aria-labelledby={`analysis-tab-${current.id}`} data-panel={current.id}>
        <Panel themeKey={themeKey} onStatus={onStatus} />
      </section>
    </div>
  );
}
