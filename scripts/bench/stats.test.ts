import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expectedBindBatches, firstScreenRequestBudget, median, spread } from './stats'

describe('median', () => {
  it('takes the middle of an odd count and the mean of the middle two of an even one, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
  })

  it('is not moved by one outlier run', () => {
    expect(median([100, 101, 99, 100, 5000])).toBe(100)
  })

  it('lies between the smallest and the largest value', () => {
    fc.assert(fc.property(fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1 }), (xs) => {
      const m = median(xs)
      return m >= Math.min(...xs) && m <= Math.max(...xs)
    }))
  })

  it('refuses an empty list rather than printing a made-up number', () => {
    expect(() => median([])).toThrow()
  })
})

describe('spread', () => {
  it('prints the range of the runs', () => {
    expect(spread([12.4, 30.6, 20])).toBe('12–31')
  })
})

describe('budgets from the issue', () => {
  it('binds two placements a type, 50 commands a batch', () => {
    expect(expectedBindBatches(10)).toBe(1)
    expect(expectedBindBatches(25)).toBe(1)
    expect(expectedBindBatches(26)).toBe(2)
    expect(expectedBindBatches(60)).toBe(3)
    expect(expectedBindBatches(300)).toBe(12)
  })

  it('allows one first-screen request up to 50 types and one more per further 50', () => {
    expect(firstScreenRequestBudget(3)).toBe(1)
    expect(firstScreenRequestBudget(50)).toBe(1)
    expect(firstScreenRequestBudget(51)).toBe(2)
    expect(firstScreenRequestBudget(300)).toBe(6)
  })
})
