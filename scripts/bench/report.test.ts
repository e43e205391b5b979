import { describe, expect, it } from 'vitest'
import { allPassed, atMost, exactly, formatTable, KB, notMeasured, toResults, verdict } from './report'

describe('verdict', () => {
  it('passes a value at the limit of a max budget and fails one byte over', () => {
    expect(verdict({ id: 'a', label: 'a', unit: 'bytes', value: 180 * KB, budget: atMost(180 * KB) })).toBe('pass')
    expect(verdict({ id: 'a', label: 'a', unit: 'bytes', value: 180 * KB + 1, budget: atMost(180 * KB) })).toBe('fail')
  })

  it('fails an exact budget on either side', () => {
    expect(verdict({ id: 'r', label: 'r', unit: 'requests', value: 1, budget: exactly(1) })).toBe('pass')
    expect(verdict({ id: 'r', label: 'r', unit: 'requests', value: 0, budget: exactly(1) })).toBe('fail')
    expect(verdict({ id: 'r', label: 'r', unit: 'requests', value: 2, budget: exactly(1) })).toBe('fail')
  })

  it('never passes a row that was not measured, even without a budget', () => {
    expect(verdict(notMeasured('x', 'x', 'ms', 'no screen yet', atMost(1000)))).toBe('not measured')
    expect(verdict(notMeasured('x', 'x', 'ms', 'no screen yet'))).toBe('not measured')
    expect(verdict({ id: 'x', label: 'x', unit: 'ms', value: Number.NaN, budget: atMost(1) })).toBe('not measured')
  })

  it('reports a measured row without a budget as info, which does not fail the run', () => {
    const rows = [{ id: 'raw', label: 'raw', unit: 'bytes' as const, value: 10 }]
    expect(verdict(rows[0]!)).toBe('info')
    expect(allPassed(rows)).toBe(true)
  })
})

describe('allPassed', () => {
  it('is false when one row failed or was not measured', () => {
    const ok = { id: 'a', label: 'a', unit: 'count' as const, value: 0, budget: exactly(0) }
    expect(allPassed([ok])).toBe(true)
    expect(allPassed([ok, { ...ok, value: 1 }])).toBe(false)
    expect(allPassed([ok, notMeasured('b', 'b', 'count', 'why')])).toBe(false)
  })
})

describe('formatTable', () => {
  it('shows "not measured" with its reason instead of a number', () => {
    const table = formatTable([
      { id: 'js', label: 'Tab JS gzip', unit: 'bytes', value: 150 * KB, budget: atMost(180 * KB), note: 'raw 476.0 KB' },
      notMeasured('rel', 'Relation save', 'requests', 'relations editor not built yet', exactly(3)),
    ])
    const lines = table.split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[2]).toMatch(/Tab JS gzip\s+\| 150\.0 KB\s+\| ≤ 180\.0 KB \| PASS\s+\| raw 476\.0 KB \|/)
    expect(lines[3]).toContain('not measured')
    expect(lines[3]).toContain('NOT MEASURED')
    expect(lines[3]).toContain('relations editor not built yet')
    expect(lines[3]).not.toMatch(/\d+ req \|/)
  })
})

describe('toResults', () => {
  it('carries each row with its verdict and the overall result', () => {
    const out = toResults([notMeasured('a', 'a', 'ms', 'why')], { at: 'now' })
    expect(out).toMatchObject({ at: 'now', passed: false, rows: [{ id: 'a', value: null, verdict: 'not measured', reason: 'why' }] })
  })
})
