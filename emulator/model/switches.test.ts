// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { applyFaults } from './faults'
import { testPortal } from './test-helpers'

const handler = 'http://localhost:5173/'

describe('fault switches', () => {
  // crm-type-update.md: 400 UPDATE_DYNAMIC_TYPE_RESTRICTED
  it('planForbidsUpdate refuses crm.type.update and saves nothing', () => {
    const { rest, portal } = testPortal()
    portal.faults.planForbidsUpdate = true
    const r = rest('crm.type.update', { id: 1, fields: { title: 'Never', isSourceEnabled: 'Y' } })
    expect(r).toMatchObject({ status: 400, body: { error: 'UPDATE_DYNAMIC_TYPE_RESTRICTED', error_description: 'You cannot change the smart process settings due to your plan restrictions' } })
    expect(rest('crm.type.get', { id: 1 }).body.result.type).toMatchObject({ title: 'Equipment Repairs', isSourceEnabled: 'N' })
  })

  // crm-type-add.md: 400 CREATE_DYNAMIC_TYPE_RESTRICTED
  it('planForbidsCreate refuses crm.type.add', () => {
    const { rest, portal } = testPortal()
    portal.faults.planForbidsCreate = true
    expect(rest('crm.type.add', { fields: { title: 'x' } })).toMatchObject({ status: 400, body: { error: 'CREATE_DYNAMIC_TYPE_RESTRICTED' } })
    expect(portal.ctx.state.types).toHaveLength(3)
  })

  // docs/platform.md "Batch": a live portal refused placement.bind inside a batch; _includes/system-errors.md for the code and text
  it('bindRefusedInBatch gives placement.bind in a batch its own result_error row; single calls still bind', () => {
    const { rest, portal } = testPortal()
    portal.faults.bindRefusedInBatch = true
    const cmd = `placement.bind?PLACEMENT=CRM_DYNAMIC_1030_DETAIL_TAB&HANDLER=${encodeURIComponent(handler)}`
    const r = rest('batch', { cmd: { b: cmd, u: 'user.admin' } })
    expect(r.status).toBe(200)
    expect(r.body.result.result_error).toEqual({ b: { error: 'ERROR_BATCH_METHOD_NOT_ALLOWED', error_description: 'Method is not allowed for batch usage' } })
    expect(r.body.result.result).toEqual({ u: true })
    expect(rest('placement.bind', { PLACEMENT: 'CRM_DYNAMIC_1030_DETAIL_TAB', HANDLER: handler }).body.result).toBe(true)
  })

  // placement-bind.md: ERROR_PLACEMENT_MAX_COUNT for REST_APP_URI and PAGE_BACKGROUND_WORKER; rest/lib/api/placement.php counts before binding
  it('placementMaxCount refuses a second handler of a placement; REST_APP_URI always takes one', () => {
    const { rest, portal } = testPortal()
    expect(rest('placement.bind', { PLACEMENT: 'REST_APP_URI', HANDLER: handler }).status).toBe(200)
    expect(rest('placement.bind', { PLACEMENT: 'REST_APP_URI', HANDLER: 'http://localhost:5173/other' })).toMatchObject({ status: 400, body: { error: 'ERROR_PLACEMENT_MAX_COUNT' } })
    const tab = { PLACEMENT: 'CRM_DYNAMIC_1030_DETAIL_TAB', HANDLER: handler }
    expect(rest('placement.bind', tab).status).toBe(200)
    expect(rest('placement.bind', { ...tab, HANDLER: `${handler}v2` }).status).toBe(200)
    portal.faults.placementMaxCount = true
    expect(rest('placement.bind', { ...tab, HANDLER: `${handler}v3` })).toMatchObject({ status: 400, body: { error: 'ERROR_PLACEMENT_MAX_COUNT' } })
  })

  it('are changed in one way by the control API, the panel and tests', () => {
    const { portal } = testPortal()
    applyFaults(portal.faults, { appScopes: 'crm, placement, user_brief', planForbidsUpdate: true, bindRefusedInBatch: 'on', appUsers: '1, 4' })
    expect(portal.faults).toMatchObject({ appScopes: ['crm', 'placement', 'user_brief'], planForbidsUpdate: true, bindRefusedInBatch: true, appUsers: [1, 4] })
    applyFaults(portal.faults, { appUsers: '' })
    expect(portal.faults.appUsers).toBeNull()
  })
})

describe('error texts in the token\'s language', () => {
  // crm-type-*.md "Обработка ошибок": Russian texts; _includes/system-errors.md stays English
  it('answers a token issued for ?lang=ru in Russian, system errors in English', () => {
    const { portal } = testPortal()
    const ru = (userId: number) => {
      const auth = portal.issueTokens(userId, 'ru').accessToken
      return (method: string, params: Record<string, unknown> = {}) => portal.rest({ method, params, auth }).body
    }
    const admin = ru(1)
    expect(ru(2)('crm.type.list')).toEqual({ error: 'ACCESS_DENIED', error_description: 'Доступ запрещен' })
    expect(admin('crm.type.get', { id: 999 })).toEqual({ error: 0, error_description: 'Смарт-процесс не найден' })
    expect(admin('crm.type.delete', { id: 1 })).toEqual({ error: 'BX_ERROR', error_description: 'Вы не можете удалить тип сущности, у которого есть элементы' })
    expect(admin('crm.type.add', { fields: { title: '' } })).toEqual({ error: 'BX_ERROR', error_description: 'Не заполнено обязательное поле «Название»' })
    portal.faults.planForbidsUpdate = true
    portal.faults.planForbidsCreate = true
    expect(admin('crm.type.update', { id: 1, fields: { title: 'x' } })).toMatchObject({ error_description: 'Вы не можете изменить настройки смарт-процесса из-за ограничений вашего тарифа' })
    expect(admin('crm.type.add', { fields: { title: 'x' } })).toMatchObject({ error_description: 'Превышено максимальное количество смарт-процессов' })
    expect(admin('user.current')).toMatchObject({ error: 'insufficient_scope', error_description: 'The request requires higher privileges than provided by the access token' })
    const batch = admin('batch', { cmd: { a: 'crm.type.get?id=999' } }) as any
    expect(batch.result.result_error.a.error_description).toBe('Смарт-процесс не найден')
  })

  it('keeps the language across a refresh', () => {
    const { portal } = testPortal()
    const fresh = portal.refreshTokens(portal.issueTokens(2, 'ru').refreshToken)!
    expect(portal.rest({ method: 'crm.type.list', params: {}, auth: fresh.accessToken }).body).toMatchObject({ error_description: 'Доступ запрещен' })
  })
})
