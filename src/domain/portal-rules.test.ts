import { describe, expect, it } from 'vitest'
import { fieldLocks, refusalSuspects } from './portal-rules'

const pipeline = (id: number) => ({ id, name: `P${id}`, sort: id * 10, isDefault: id === 1 })

// docs/platform.md "Pipelines and the recycle bin", crm/lib/Model/Dynamic/TypeTable.php (TypeTable::onBeforeUpdate).
describe('the crm module\'s rules for a type\'s settings', () => {
  it('locks Pipelines on while the type has more than one pipeline, with the count', () => {
    expect(fieldLocks({ isCategoriesEnabled: true }, [pipeline(1), pipeline(2)])).toEqual({ isCategoriesEnabled: { reason: 'many_pipelines', count: 2 } })
    expect(fieldLocks({ isCategoriesEnabled: true }, [pipeline(1)])).toEqual({})
    expect(fieldLocks({ isCategoriesEnabled: false }, [pipeline(1), pipeline(2)])).toEqual({})
    expect(fieldLocks({ isCategoriesEnabled: true }, null)).toEqual({})
  })

  it('names the one change a refusal is explained by, and none when it cannot tell', () => {
    expect(refusalSuspects({ isRecyclebinEnabled: false, isSourceEnabled: true }, ['isRecyclebinEnabled', 'isSourceEnabled'])).toEqual(['isRecyclebinEnabled'])
    expect(refusalSuspects({ isRecyclebinEnabled: true }, ['isRecyclebinEnabled'])).toEqual([])
    expect(refusalSuspects({ isRecyclebinEnabled: false, isCategoriesEnabled: false }, ['isCategoriesEnabled', 'isRecyclebinEnabled'])).toHaveLength(2)
    expect(refusalSuspects({ isSourceEnabled: true }, ['isSourceEnabled'])).toEqual([])
  })
})
