import { describe, expect, it } from 'vitest'
import { crmTypeLabel } from './type-names'

describe('crmTypeLabel', () => {
  const titleOf = (id: number) => (id === 1030 ? 'Equipment Repairs' : null)
  it('names a standard type by its key, a smart process by its title, an unknown id as deleted', () => {
    expect(crmTypeLabel(2, titleOf)).toEqual({ kind: 'standard', key: 'domain.standard_types.deal' })
    expect(crmTypeLabel(1030, titleOf)).toEqual({ kind: 'smart_process', title: 'Equipment Repairs' })
    expect(crmTypeLabel(1098, titleOf)).toEqual({ kind: 'deleted', entityTypeId: 1098 })
  })

  it('names orders, the predefined child Bitrix24 adds (docs/platform.md "Relations"), instead of calling them deleted', () => {
    expect(crmTypeLabel(14, titleOf)).toEqual({ kind: 'standard', key: 'domain.standard_types.order' })
  })
})
