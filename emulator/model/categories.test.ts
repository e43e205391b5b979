// @vitest-environment node
/** crm.category.* for smart processes: api-reference/crm/universal/category/crm-category-*.md and crm/lib/controller/category.php. */
import { describe, expect, it } from 'vitest'
import { seedState } from './seed'
import { testPortal } from './test-helpers'

describe('crm.category.* for smart processes', () => {
  // crm-category-list.md answer shape; seed.ts: Equipment Repairs has a second pipeline.
  it('lists the seed pipelines with total: two in Equipment Repairs, the default one elsewhere', () => {
    const { rest } = testPortal()
    const r = rest('crm.category.list', { entityTypeId: 1030 })
    expect(r.status).toBe(200)
    expect(r.body.result.categories).toEqual([
      { id: 1, name: 'New pipeline', sort: 500, entityTypeId: 1030, isDefault: 'Y' },
      { id: 4, name: 'Warranty repairs', sort: 600, entityTypeId: 1030, isDefault: 'N' },
    ])
    expect(r.body.total).toBe(2)
    expect(rest('crm.category.list', { entityTypeId: 1032 }).body.result.categories).toEqual([{ id: 2, name: 'New pipeline', sort: 500, entityTypeId: 1032, isDefault: 'Y' }])
    expect(rest('crm.category.list', { entityTypeId: 1034 }).body.total).toBe(1)
  })

  // crm/lib/Model/ItemCategoryTable.php NAME default CRM_TYPE_CATEGORY_DEFAULT_NAME, crm/lang/{en,ru}/lib/Service/Localization.php
  it('gives a new type its default pipeline, named in the creator\'s language, even with pipelines off', () => {
    const { portal, rest } = testPortal()
    const en = rest('crm.type.add', { fields: { title: 'Audits' } }).body.result.type
    expect(en.isCategoriesEnabled).toBe('N')
    expect(rest('crm.category.list', { entityTypeId: en.entityTypeId }).body.result.categories).toMatchObject([{ name: 'New pipeline', isDefault: 'Y' }])
    const auth = portal.issueTokens(1, 'ru').accessToken
    const ru = (portal.rest({ method: 'crm.type.add', params: { fields: { title: 'Аудиты' } }, auth }).body as any).result.type
    expect(rest('crm.category.list', { entityTypeId: ru.entityTypeId }).body.result.categories).toMatchObject([{ name: 'Общая', isDefault: 'Y' }])
  })

  // crm-category-add.md, isDefault row: "Если для имеющегося смарт-процесса отключен показ направлений в интерфейсе, то работа с направлениями через rest все равно возможна"
  it('adds a pipeline over REST while isCategoriesEnabled is N; isDefault Y takes the default over', () => {
    const { rest } = testPortal()
    const r = rest('crm.category.add', { entityTypeId: 1032, fields: { name: 'Imports', sort: 50, isDefault: 'Y' } })
    expect(r.body.result.category).toEqual({ id: 5, name: 'Imports', sort: 50, entityTypeId: 1032, isDefault: 'Y' })
    expect(rest('crm.category.get', { entityTypeId: 1032, id: 2 }).body.result.category.isDefault).toBe('N')
    expect(rest('crm.category.add', { entityTypeId: 1032, fields: { name: 'x', sort: -5 } }).body.result.category.sort).toBe(500)
  })

  // crm-category-add.md error table: 0 "Field 'NAME' is required"; name row: not empty, not only spaces
  it('requires a name', () => {
    const { rest } = testPortal()
    expect(rest('crm.category.add', { entityTypeId: 1030, fields: { sort: 10 } }).body).toEqual({ error: 0, error_description: 'Field \'NAME\' is required' })
    expect(rest('crm.category.add', { entityTypeId: 1030, fields: { name: '   ' } }).status).toBe(400)
    expect(rest('crm.category.update', { entityTypeId: 1030, id: 4, fields: { name: '' } }).body.error).toBe(0)
  })

  // "Кто может выполнять метод": add/update/delete CRM admin; list and fields any user (list filtered by read); get: read on the pipeline
  it('lets CRM admins change pipelines, anyone list what they may read', () => {
    const { rest } = testPortal()
    expect(rest('crm.category.add', { entityTypeId: 1030, fields: { name: 'x' } }, 2).body).toEqual({ error: 'ACCESS_DENIED', error_description: 'Access denied' })
    expect(rest('crm.category.update', { entityTypeId: 1030, id: 4, fields: { name: 'y' } }, 5).body.error).toBe('ACCESS_DENIED')
    expect(rest('crm.category.delete', { entityTypeId: 1030, id: 4 }, 2).body.error).toBe('ACCESS_DENIED')
    expect(rest('crm.category.update', { entityTypeId: 1030, id: 4, fields: { name: 'Warranty' } }, 4).body.result.category.name).toBe('Warranty')
    expect(rest('crm.category.list', { entityTypeId: 1030 }, 2).body.total).toBe(2)
    expect(rest('crm.category.list', { entityTypeId: 1034 }, 5).body).toMatchObject({ result: { categories: [] }, total: 0 })
    expect(rest('crm.category.get', { entityTypeId: 1034, id: 3 }, 5).body.error).toBe('ACCESS_DENIED')
    expect(rest('crm.category.fields', { entityTypeId: 1034 }, 5).body.result.fields.isDefault).toMatchObject({ type: 'boolean', upperName: 'IS_DEFAULT' })
  })

  // crm-category-get.md / -list.md error tables: NOT_FOUND for a missing type or pipeline
  it('answers NOT_FOUND for an unknown type or pipeline', () => {
    const { rest } = testPortal()
    expect(rest('crm.category.list', { entityTypeId: 9998 }).body).toEqual({ error: 'NOT_FOUND', error_description: 'Smart Process Automation was not found' })
    expect(rest('crm.category.get', { entityTypeId: 1030, id: 2 }).body).toEqual({ error: 'NOT_FOUND', error_description: 'Element not found' })
    expect(rest('crm.category.list', { entityTypeId: 1 }).body.error).toBe('ENTITY_TYPE_NOT_SUPPORTED')
  })

  // crm-category-delete.md: BX_ERROR "Эта воронка является воронкой по умолчанию", "Найдены элементы, относящиеся к воронке" (crm/lang/*/lib/Model/ItemCategoryTable.php)
  it('deletes a pipeline unless it is the default one or holds items', () => {
    const { rest } = testPortal()
    expect(rest('crm.category.delete', { entityTypeId: 1030, id: 1 }).body).toEqual({ error: 'BX_ERROR', error_description: 'This is a default pipeline' })
    const item = rest('crm.item.add', { entityTypeId: 1030, fields: { title: 'Under warranty', categoryId: 4 } }).body.result.item
    expect(item.categoryId).toBe(4)
    expect(rest('crm.category.delete', { entityTypeId: 1030, id: 4 }).body).toEqual({ error: 'BX_ERROR', error_description: 'There are items in this pipeline' })
    rest('crm.item.delete', { entityTypeId: 1030, id: item.id })
    const r = rest('crm.category.delete', { entityTypeId: 1030, id: 4 })
    expect(r.status).toBe(200)
    expect(r.body.result).toBeNull()
    expect(rest('crm.category.list', { entityTypeId: 1030 }).body.total).toBe(1)
  })

  // A data file written before pipelines and the bin (no such keys) still loads: defaults on first use.
  it('gives types of an older data file their default pipeline and an empty bin', () => {
    const old = seedState() as unknown as Record<string, unknown>
    delete old.categories
    delete old.nextCategoryId
    delete old.recycleBin
    const { portal, rest } = testPortal({ initialState: old as never })
    expect(rest('crm.category.list', { entityTypeId: 1032 }).body.result.categories).toMatchObject([{ id: 1, name: 'New pipeline', isDefault: 'Y' }])
    expect(portal.recycleBin.entries()).toEqual([])
  })
})
