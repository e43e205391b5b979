/**
 * Issue 10 in-process: the settings save and the install under every
 * documented portal error and under 503 bursts, over the real b24jssdk and
 * the emulator's model. Each case asserts the portal's state afterwards
 * (fully written or untouched), the draft kept, and a message in both
 * locales with every parameter filled.
 */
import type { WireReply } from '../../emulator/contract'
import type { AppErrorCode } from '@/domain/errors'
import type { TestPortal } from '@test/emulator-gateway'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { createPortal } from '../../emulator/model/portal'
import { SEED_TYPES } from '../../emulator/model/seed'
import { createAppI18n } from '@/i18n'
import { en, ru } from '@/i18n/messages'
import { createInProcessGateway } from '@test/emulator-gateway'
import { useContextStore } from './context'
import { useInstallStore } from './install'
import { useTypeSettingsStore } from './type-settings'

const REPAIRS = SEED_TYPES.repairs
type Portal = ReturnType<typeof createPortal>
type RestReq = Parameters<NonNullable<TestPortal['rest']>>[0]

/** The portal, with some requests answered by `fault` instead (null: the real answer). */
function faulty(portal: Portal, fault: (req: RestReq) => WireReply | null): TestPortal {
  return { ...portal, rest: req => fault(req) ?? portal.rest(req) }
}

const frame = { resizeHeight: async () => {}, fitWindow: async () => {}, setTitle: async () => {} }

function attach(portal: TestPortal, placement = `CRM_DYNAMIC_${REPAIRS}_DETAIL_TAB`, timeoutMs = 2000) {
  const finished: number[] = []
  useContextStore().attach({
    placement,
    placementOptions: {},
    lang: 'en',
    isAdmin: true,
    gateway: createInProcessGateway(portal, { timeoutMs }),
    frame,
    install: { isFirstRun: true, handlerUrl: 'https://studio.example.com/app/', finish: async () => (finished.push(1), true) },
  })
  return { finished }
}

function repairs(portal: Portal) {
  return portal.ctx.state.types.find(t => t.entityTypeId === REPAIRS)!
}

/** The message a user reads for an error, in a locale: never the key, never an unfilled {param}. */
function shown(locale: 'en' | 'ru', key: string, params: Record<string, string | number>) {
  const { global } = createAppI18n(locale, { en, ru })
  expect(global.te(key), `${key} in ${locale}`).toBe(true)
  const text = global.t(key, params)
  expect(text).not.toMatch(/\{\w+\}/)
  return text
}

const err = (status: number, error: string | number, description: string): WireReply => ({ status, body: { error, error_description: description } })

/** Every documented answer the portal can give a write (docs/platform.md "Errors", "Placements"), and the code the app must make of it. */
const PORTAL_ERRORS: [string, WireReply, AppErrorCode][] = [
  ['ACCESS_DENIED', err(400, 'ACCESS_DENIED', 'Access denied'), 'access_denied'],
  ['allowed_only_intranet_user', err(403, 'allowed_only_intranet_user', 'Allowed only for intranet users'), 'access_denied'],
  ['not found (error 0)', err(400, 0, 'Smart process not found'), 'not_found'],
  ['entityTypeId out of range', err(400, 'INVALID_ARG_VALUE', 'entityTypeId is out of allowed range'), 'validation'],
  ['title missing', err(400, 'BX_ERROR', 'Required field "Title" is not filled in'), 'validation'],
  ['Maximum number of smart processes exceeded', err(400, 'CREATE_DYNAMIC_TYPE_RESTRICTED', 'Maximum number of smart processes exceeded'), 'limit_exceeded'],
  // A refusal under a generic code is a refusal of the input, whatever its text says (docs/platform.md "Errors").
  ['BX_ERROR (delete with items, in Russian)', err(400, 'BX_ERROR', 'Вы не можете удалить тип сущности, у которого есть элементы'), 'validation'],
  ['ERROR_CORE', err(400, 'ERROR_CORE', 'Unable to set placement handler: Handler already binded'), 'validation'],
  ['UPDATE_DYNAMIC_TYPE_RESTRICTED', err(400, 'UPDATE_DYNAMIC_TYPE_RESTRICTED', 'Вы не можете изменить настройки смарт-процесса из-за ограничений вашего тарифа'), 'plan_restricted'],
  ['403 insufficient_scope', err(403, 'insufficient_scope', 'The request requires higher privileges than provided by the access token'), 'insufficient_scope'],
  ['403 INVALID_CREDENTIALS', err(403, 'INVALID_CREDENTIALS', 'Invalid request credentials'), 'access_denied'],
  ['403 user_access_error', err(403, 'user_access_error', 'The user does not have access to the application'), 'app_access_denied'],
  ['unknown placement', err(400, 'ERROR_PLACEMENT_NOT_FOUND', 'Placement not found'), 'not_found'],
  ['wrong handler URL', err(400, 'ERROR_WRONG_HANDLER_URL', 'Wrong handler URL'), 'validation'],
  ['503 QUERY_LIMIT_EXCEEDED, every attempt', err(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests'), 'rate_limited'],
  ['500 INTERNAL_SERVER_ERROR', err(500, 'INTERNAL_SERVER_ERROR', 'Internal server error'), 'unknown'],
  ['an answer without `time`', { status: 200, body: { result: { type: {} } } }, 'malformed_response'],
  ['an answer that is not an object', { status: 200, body: 'Bad gateway' }, 'malformed_response'],
]

describe('a settings save under portal faults', () => {
  let portal: Portal
  beforeEach(() => {
    setActivePinia(createPinia())
    portal = createPortal()
  })

  for (const [name, reply, code] of PORTAL_ERRORS) {
    it(`${name}: ${code}, a message in en and ru, the draft kept, the portal untouched`, async () => {
      // Long enough for the SDK's own 503 retries (~1.5 s apart) to run out.
      attach(faulty(portal, req => (req.method.startsWith('crm.type.update') ? reply : null)), undefined, 10_000)
      const store = useTypeSettingsStore()
      await store.load(REPAIRS)
      const before = structuredClone({ type: repairs(portal), edges: portal.ctx.state.edges })
      store.setField('isRecyclebinEnabled', true)
      await store.save()
      expect(store.status).toBe('error')
      expect(store.error?.code).toBe(code)
      for (const locale of ['en', 'ru'] as const)
        shown(locale, store.error!.messageKey, store.error!.params)
      expect(store.draft).toEqual({ isRecyclebinEnabled: true })
      expect({ type: repairs(portal), edges: portal.ctx.state.edges }).toEqual(before)
    })
  }

  it('a write whose answer was lost: the portal holds it, and the retry ends saved without writing again', async () => {
    let lose = true
    const updates: string[] = []
    attach(faulty(portal, (req) => {
      if (!req.method.startsWith('crm.type.update'))
        return null
      updates.push(req.method)
      const real = portal.rest(req)
      if (lose) {
        lose = false
        return { status: 502, body: '<html>Bad gateway</html>' }
      }
      return real
    }))
    const store = useTypeSettingsStore()
    await store.load(REPAIRS)
    store.setField('isRecyclebinEnabled', true)
    await store.save()
    expect(store.status).toBe('error')
    expect(repairs(portal).flags.isRecyclebinEnabled).toBe(true)
    expect(store.draft).toEqual({ isRecyclebinEnabled: true })
    await store.save()
    // The re-read shows the portal changed "elsewhere" to exactly the draft's value.
    if (store.status === 'conflict')
      await store.resolveAndSave()
    expect(store.status).toBe('saved')
    expect(updates).toHaveLength(1)
    expect(repairs(portal).flags.isRecyclebinEnabled).toBe(true)
  })

  it('a type deleted elsewhere while its tab is open: not_found, the draft kept, and the type stays deleted', async () => {
    attach(portal)
    const store = useTypeSettingsStore()
    await store.load(SEED_TYPES.campaigns)
    store.setField('isRecyclebinEnabled', true)
    const rec = portal.ctx.state.types.find(t => t.entityTypeId === SEED_TYPES.campaigns)!
    expect(portal.call('crm.type.delete', { id: rec.id }, { userId: 3 }).status).toBe(200)
    await store.save()
    expect(store.error?.code).toBe('not_found')
    expect(store.draft).toEqual({ isRecyclebinEnabled: true })
    expect(portal.ctx.state.types.some(t => t.entityTypeId === SEED_TYPES.campaigns)).toBe(false)
  })
})

describe('the install under 503 bursts', () => {
  let portal: Portal
  beforeEach(() => {
    setActivePinia(createPinia())
    portal = createPortal()
  })

  function bindings(p: Portal) {
    return p.ctx.state.placements.map(b => b.placement)
  }

  it('300 types: a bind batch that stays refused leaves those types for a repair run, binds nothing twice, and finishes only when all are bound', async () => {
    portal.addTypes(297)
    let bindBatches = 0
    let refusing = true
    const { finished } = attach(faulty(portal, (req) => {
      const cmd = req.params.cmd
      const binds = req.method === 'batch' && typeof cmd === 'object' && cmd !== null && Object.values(cmd).every(c => String(c).startsWith('placement.bind'))
      if (!binds)
        return null
      bindBatches += 1
      // A short burst on the 2nd batch (the SDK retries it); the 5th batch refused on every attempt.
      if (bindBatches === 2 || (refusing && bindBatches >= 6 && bindBatches <= 9))
        return err(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests')
      return null
    }), 'DEFAULT')
    const store = useInstallStore()
    await store.run()
    expect(store.status).toBe('partial')
    expect(store.unboundTypes).toHaveLength(25)
    expect(finished).toEqual([])
    const first = bindings(portal)
    expect(first).toHaveLength(600 - 50)
    expect(new Set(first).size).toBe(first.length)

    refusing = false
    await store.run()
    expect(store.status).toBe('done')
    const all = bindings(portal)
    expect(all).toHaveLength(600)
    expect(new Set(all).size).toBe(600)
    expect(finished).toEqual([1])
  })
})
