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
      {/* The ARIA tabs pattern: one tab in the Tab order, arrow keys (and Home/End) move between them. */}
      <div
        className="tabs"
        role="tablist"
        aria-label="Analysis panels"
        onKeyDown={(e) => {
          const i = ANALYSIS_TABS.findIndex((t) => t.id === current.id);
          const n = ANALYSIS_TABS.length;
          const to = e.key === 'ArrowRight' ? (i + 1) % n : e.key === 'ArrowLeft' ? (i - 1 + n) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
          const next = ANALYSIS_TABS[to];
          if (!next) return;
          e.preventDefault();
          choose(next.id);
          document.getElementById(`analysis-tab-${next.id}`)?.focus();
        }}
      >
        {ANALYSIS_TABS.map((t) => (
          <button key={t.id} type="button" role="tab" id={`analysis-tab-${t.id}`} aria-selected={t.id === current.id} tabIndex={t.id === current.id ? 0 : -1} aria-controls="analysis-panel" className={t.id === current.id ? 'on' : ''} data-tab={t.id} onClick={() => choose(t.id)}>
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
