// One result row per figure. Timings carry the per-repetition samples of the figure and of its
// baseline (measured in the same run), the per-repetition ratios, and the budget they are checked on.
import * as fs from 'fs';
import { summarize } from './stats';

export type Op = '<=' | '<' | '>=' | '>';

export interface Budget {
  op: Op;
  limit: number;
  /** What is compared with the limit: the median of the per-repetition ratios (default) or the absolute value. */
  on?: 'ratio' | 'value';
  /** Human text, e.g. "b/a ≤ 1.10". */
  text: string;
}

export interface Row {
  part: string;
  metric: string;
  unit: string;
  /** Median of the measured figure. */
  value: number | null;
  /** Median of the baseline figure. */
  baseline: number | null;
  baselineLabel?: string;
  /** value / baseline (ratio of the medians). */
  ratio: number | null;
  /** Median and spread of the per-repetition ratios. */
  ratioMedian: number | null;
  ratioMin: number | null;
  ratioMax: number | null;
  ratioQ1?: number | null;
  ratioQ3?: number | null;
  n: number;
  budget?: Budget;
  /** Shown in the budget column of a row that is not checked. */
  budgetInfo?: string;
  status: 'PASS' | 'FAIL' | 'INFO' | 'NOT RUN';
  note?: string;
  samples?: { value?: number[]; baseline?: number[]; ratios?: number[] };
}

export function check(actual: number, b: Budget): boolean {
  switch (b.op) {
    case '<=': return actual <= b.limit;
    case '<': return actual < b.limit;
    case '>=': return actual >= b.limit;
    case '>': return actual > b.limit;
  }
}

/** A timing row from paired samples: value[i] and baseline[i] come from the same repetition. */
export function pairedRow(init: {
  part: string; metric: string; unit: string; value: number[]; baseline: number[]; baselineLabel?: string; budget?: Budget; budgetInfo?: string; note?: string;
}): Row {
  const v = summarize(init.value);
  const b = summarize(init.baseline);
  const r = init.value.map((x, i) => x / init.baseline[i]);
  const rs = summarize(r);
  const row: Row = {
    part: init.part, metric: init.metric, unit: init.unit,
    value: v.median, baseline: b.median, baselineLabel: init.baselineLabel,
    ratio: v.median / b.median, ratioMedian: rs.median, ratioMin: rs.min, ratioMax: rs.max, ratioQ1: rs.q1, ratioQ3: rs.q3,
    n: r.length, budget: init.budget, budgetInfo: init.budgetInfo, status: 'INFO', note: init.note,
    samples: { value: init.value, baseline: init.baseline, ratios: r },
  };
  if (init.budget) row.status = check(init.budget.on === 'value' ? v.median : rs.median, init.budget) ? 'PASS' : 'FAIL';
  return row;
}

/** A single-figure row (sizes, counts). */
export function valueRow(init: { part: string; metric: string; unit: string; value: number; baseline?: number; baselineLabel?: string; budget?: Budget; budgetInfo?: string; note?: string }): Row {
  const ratio = init.baseline ? init.value / init.baseline : null;
  const row: Row = {
    part: init.part, metric: init.metric, unit: init.unit, value: init.value, baseline: init.baseline ?? null, baselineLabel: init.baselineLabel,
    ratio, ratioMedian: null, ratioMin: null, ratioMax: null, n: 1, budget: init.budget, budgetInfo: init.budgetInfo, status: 'INFO', note: init.note,
  };
  if (init.budget) row.status = check(init.budget.on === 'ratio' && ratio !== null ? ratio : init.value, init.budget) ? 'PASS' : 'FAIL';
  return row;
}

/** Workers write { rows, details } to the file named by their first argument. */
export function writeResult(rows: Row[], details: Record<string, unknown> = {}): void {
  const out = process.argv[2];
  const text = JSON.stringify({ rows, details }, null, 1);
  if (out) fs.writeFileSync(out, text);
  else process.stdout.write(text + '\n');
}

export function progress(msg: string): void {
  process.stderr.write(`  · ${msg}\n`);
}
