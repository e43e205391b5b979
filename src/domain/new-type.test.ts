import { describe, expect, it } from 'vitest'
import { defaultFlags } from './flags'
import { checkNewType } from './new-type'

const form = (title: string, entityTypeId = '') => ({ title, entityTypeId, flags: defaultFlags() })

describe('checkNewType', () => {
  it('requires a title', () => {
    const check = checkNewType(form('   '), [])
    expect(check.ok).toBe(false)
    expect(!check.ok && check.errors.title?.key).toBe('home.create.title_required')
  })
  it('leaves the entityTypeId to the portal when it is empty, and sends the catalogue defaults', () => {
    const check = checkNewType(form(' Field visits '), [])
    expect(check).toEqual({ ok: true, input: { ...defaultFlags(), title: 'Field visits' } })
    expect(check.ok && check.input.isSetOpenPermissions).toBe(true)
  })
  it('sends a custom entityTypeId that passes the rules', () => {
    const check = checkNewType(form('Visits', '1040'), [1030, 1032])
    expect(check.ok && check.input.entityTypeId).toBe(1040)
  })
  it.each([
    ['1031', 'domain.entity_type_id.out_of_range'],
    ['200', 'domain.entity_type_id.out_of_range'],
    ['2', 'domain.entity_type_id.standard'],
    ['1030', 'domain.entity_type_id.taken'],
    ['abc', 'domain.entity_type_id.not_a_number'],
  ])('refuses entityTypeId %s before sending', (id, key) => {
    const check = checkNewType(form('Visits', id), [1030])
    expect(!check.ok && check.errors.entityTypeId?.key).toBe(key)
  })
})
