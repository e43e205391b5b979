/**
 * The bench's rows, their verdicts against budgets, and the one table it
 * prints (issue 11). Pure: no I/O, so the verdict rules are unit-tested.
 */

/** How a value is shown: bytes print as KB (1024), the rest as numbers with their unit. */
export type Unit = 'bytes' | 'ms' | 'requests' | 'count'

/** A limit a value must keep. `max`: value ≤ limit; `exact`: value = limit. */
export interface Budget {
  kind: 'max' | 'exact'
  limit: number
}

/** One measured thing. `value: null` means not measured, and `reason` says why. */
export interface Row {
  /** Stable key in results.json, e.g. `bundle.tab.js.gzip`. */
  id: string
  label: string
  unit: Unit
  value: number | null
  budget?: Budget
  /** Why there is no value; required when `value` is null. */
  reason?: string
  /** What was measured and how (runs, path taken, raw size...). */
  note?: string
}

/** `info`: measured, no budget to hold. A row that was not measured never passes. */
export type Verdict = 'pass' | 'fail' | 'not measured' | 'info'

export function verdict(row: Row): Verdict {
  if (row.value === null || !Number.isFinite(row.value))
    return 'not measured'
  if (!row.budget)
    return 'info'
  const { kind, limit } = row.budget
  return (kind === 'max' ? row.value <= limit : row.value === limit) ? 'pass' : 'fail'
}

/** A row that could not be measured, with the reason shown in the table. */
export function notMeasured(id: string, label: string, unit: Unit, reason: string, budget?: Budget): Row {
  return { id, label, unit, value: null, reason, budget }
}

/** `max` budget helper. */
export const atMost = (limit: number): Budget => ({ kind: 'max', limit })
/** `exact` budget helper. */
export const exactly = (limit: number): Budget => ({ kind: 'exact', limit })

export const KB = 1024

export function formatValue(unit: Unit, value: number): string {
  switch (unit) {
    case 'bytes': return `${(value / KB).toFixed(1)} KB`
    case 'ms': return `${Math.round(value)} ms`
    case 'requests': return `${value} req`
    case 'count': return String(value)
  }
}

export function formatBudget(unit: Unit, budget: Budget | undefined): string {
  if (!budget)
    return '–'
  return `${budget.kind === 'max' ? '≤' : '='} ${formatValue(unit, budget.limit)}`
}

/** True when every row passed or is informational: the exit code of `npm run bench`. */
export function allPassed(rows: readonly Row[]): boolean {
  return rows.every(r => ['pass', 'info'].includes(verdict(r)))
}

/** The table as plain text (also the README's "Performance" section), one line per row. */
export function formatTable(rows: readonly Row[]): string {
  const head = ['Measure', 'Value', 'Budget', 'Result', 'Notes']
  const body = rows.map((r) => {
    const v = verdict(r)
    const value = r.value === null ? 'not measured' : formatValue(r.unit, r.value)
    const notes = v === 'not measured' ? (r.reason ?? '') : (r.note ?? '')
    return [r.label, value, formatBudget(r.unit, r.budget), v === 'not measured' ? 'NOT MEASURED' : v.toUpperCase(), notes]
  })
  const lines = [head, ...body]
  // Notes run long: pad every column but the last.
  const widths = head.map((_, i) => i === head.length - 1 ? 0 : Math.max(...lines.map(l => l[i]!.length)))
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => i === cells.length - 1 ? c : c.padEnd(widths[i]!)).join(' | ')} |`
  const rule = `|${widths.map((w, i) => '-'.repeat(i === widths.length - 1 ? 5 : w + 2)).join('|')}|`
  return [fmt(head), rule, ...body.map(fmt)].join('\n')
}

/** What bench/results.json holds: every row with its verdict, and when and where it ran. */
export function toResults(rows: readonly Row[], meta: Record<string, unknown>) {
  return {
    ...meta,
    passed: allPassed(rows),
    rows: rows.map(r => ({ ...r, verdict: verdict(r) })),
  }
}
