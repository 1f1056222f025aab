/**
 * What a Workspace panel takes, the UI state's validator takes (a refused `ui:set` stalls every later
 * write of the view state: the theme, the view, the Monitor's range). Reference lines are checked as
 * typed by the validator's own bound (MAX_REF_ABS, exported from ui-state.ts); every other edit is
 * checked whole by uiValueRefusal, the check `ui:set` runs; the linked range is kept in the state.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json } from '../../../shared/parse/json.js';
import { MAX_FORMULA_CHARS, MAX_REF_ABS, MAX_REF_LABEL_CHARS, MAX_UI_VALUE_CHARS, parseUiPatch, parseUiValue, uiValueRefusal, type PanelUi, type WorkspaceUi } from '../../../shared/model/ui-state.js';
import { MAX_REF_ABS as PARSER_BOUND, refLineInput, withoutControls } from '../../../shared/model/workspace-panel.js';

const panel: PanelUi = { id: 'p1', formula: 'WRESBAL', draft: 'WRESBAL', units: 'lin', step: false, freq: 'native' };
const ws = (panels: readonly PanelUi[], extra: Partial<WorkspaceUi> = {}): WorkspaceUi => ({ panels, layoutName: '', ...extra });
const withLine = (value: number, label = ''): WorkspaceUi => ws([{ ...panel, refLines: [{ id: 'r1', value, label, axis: 'left' }] }]);

describe('reference lines: the field refuses what the store refuses, with its own message', () => {
  it('one bound, exported from ui-state.ts, is the parser’s', () => {
    expect(MAX_REF_ABS).toBe(1e12);
    expect(MAX_REF_ABS).toBe(PARSER_BOUND);
  });

  it('-1e308 (the tester’s value) is refused as typed, and the store refuses it too', () => {
    const r = refLineInput('-1e308', '');
    expect(r).toEqual({ ok: false, field: 'value', error: '“-1e308” is too large for a reference line: it can be from −1,000,000,000,000 to 1,000,000,000,000 (±1e12).' });
    expect(uiValueRefusal('workspace', withLine(-1e308))).toBe('workspace.panels[0].refLines[0].value must be a number from -1000000000000 to 1000000000000');
  });

  it.each([
    ['1e12', '', 1e12],
    ['-1000000000000', '', -1e12],
    ['3,000', 'ample: $3tn', 3000],
    ['  0 ', '  zero  ', 0],
  ])('takes %j (label %j) as %d, which the store keeps', (text, label, value) => {
    const r = refLineInput(text, label);
    expect(r).toEqual({ ok: true, value, label: label.trim() });
    expect(uiValueRefusal('workspace', withLine(value, label.trim()))).toBeNull();
  });

  it.each([
    ['1000000000001', '', 'value', /too large/],
    ['1e309', '', 'value', /is not a number/],
    ['abc', '', 'value', /“abc” is not a number/],
    ['', '', 'value', /Type the value/],
    ['10', 'x'.repeat(MAX_REF_LABEL_CHARS + 1), 'label', /at most 40 characters; this one has 41/],
    ['10', 'a\tb', 'label', /tabs or line breaks/],
  ])('refuses %j (label %j): %s', (text, label, field, msg) => {
    const r = refLineInput(text, label);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.field).toBe(field);
      expect(r.error).toMatch(msg);
    }
  });

  it('a label of exactly the limit is kept whole (it was cut before, without a word)', () => {
    const label = 'y'.repeat(MAX_REF_LABEL_CHARS);
    expect(refLineInput('1', label)).toEqual({ ok: true, value: 1, label });
    expect(uiValueRefusal('workspace', withLine(1, label))).toBeNull();
  });

  it('property: whatever is typed, a line the field takes is one the store keeps, and every number the store keeps can be typed', () => {
    const typed = fc.oneof(fc.string({ maxLength: 30 }), fc.double().map(String), fc.integer().map((n) => n.toLocaleString('en-US')), fc.constantFrom('1e12', '-1e12', '1e12.5', '1e13', '-1e308', 'Infinity', '0x10', ' 7 '));
    fc.assert(
      fc.property(typed, fc.string({ maxLength: 60 }), (text, label) => {
        const r = refLineInput(text, withoutControls(label));
        if (r.ok) expect(uiValueRefusal('workspace', withLine(r.value, r.label))).toBeNull();
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.double({ min: -MAX_REF_ABS, max: MAX_REF_ABS, noNaN: true }).filter((v) => !Object.is(v, -0)), (v) => {
        expect(uiValueRefusal('workspace', withLine(v))).toBeNull();
        expect(refLineInput(String(v), '')).toEqual({ ok: true, value: v, label: '' });
      }),
      { numRuns: 1000 },
    );
  });
});

describe('uiValueRefusal: exactly what ui:set refuses', () => {
  it('agrees with parseUiPatch on what it refuses and what it keeps', () => {
    const big = ws(Array.from({ length: 7 }, (_, i) => ({ ...panel, id: `p${i}`, formula: 'A'.repeat(MAX_FORMULA_CHARS), draft: 'B'.repeat(MAX_FORMULA_CHARS) })));
    const cases: WorkspaceUi[] = [ws([panel]), withLine(-1e308), big, ws([{ ...panel, draft: 'WRES\tBAL' }]), ws([{ ...panel, formula: 'x'.repeat(MAX_FORMULA_CHARS + 1) }])];
    for (const c of cases) {
      const server = parseUiPatch(JSON.parse(JSON.stringify({ workspace: c })) as Json);
      const page = uiValueRefusal('workspace', c);
      expect(page).toBe(server.ok ? null : server.error);
    }
    expect(uiValueRefusal('workspace', big)).toBe(`workspace is over ${MAX_UI_VALUE_CHARS} characters as JSON`);
    expect(uiValueRefusal('workspace', ws([{ ...panel, draft: 'WRES\tBAL' }]))).toMatch(/without control characters/);
  });

  it('control characters typed or pasted into a panel’s text become spaces', () => {
    expect(withoutControls('WRESBAL,\tWDTGAL\r\n')).toBe('WRESBAL, WDTGAL  ');
  });
});

describe('the Workspace’s linked range is kept in the UI state', () => {
  const parse = (v: unknown): ReturnType<typeof parseUiValue.workspace> => parseUiValue.workspace(JSON.parse(JSON.stringify(v)) as Json);
  const range = { min: Date.parse('2024-10-01T00:00:00Z') / 1000, max: Date.parse('2026-10-07T00:00:00Z') / 1000 };

  it('round-trips; state written before it (no range) reads back as it was', () => {
    expect(parse(ws([panel], { range }))).toEqual({ ok: true, value: ws([panel], { range }) });
    const r = parse(ws([panel]));
    expect(r.ok && Object.keys(r.value)).toEqual(['panels', 'layoutName']);
    expect(parse({ panels: [], layoutName: '', range: null })).toEqual({ ok: true, value: ws([]) });
  });

  it.each([
    ['min after max', { min: range.max, max: range.min }],
    ['not numbers', { min: '0', max: 1 }],
    ['beyond 2200', { min: 0, max: 9e9 }],
    ['not an object', 5],
  ])('refuses a range %s', (_what, r) => {
    expect(parse({ panels: [], layoutName: '', range: r }).ok).toBe(false);
  });
});
