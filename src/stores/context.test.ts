import type { PortalConnection } from './context'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { createPortal } from '../../emulator/model/portal'
import { AppError } from '@/domain/errors'
import { createInProcessGateway } from '@test/emulator-gateway'
import { useContextStore } from './context'

function connection(over: Partial<PortalConnection> = {}): PortalConnection {
  return {
    placement: 'CRM_DYNAMIC_1030_LIST_TOOLBAR',
    placementOptions: {},
    lang: 'en',
    isAdmin: true,
    gateway: createInProcessGateway(createPortal()),
    frame: { resizeHeight: async () => {}, fitWindow: async () => {}, setTitle: async () => {} },
    ...over,
  }
}

describe('context store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('takes the entityTypeId and layout from the placement, the language from LANG', async () => {
    const ctx = useContextStore()
    await ctx.start(async () => connection({ lang: 'ua' }))
    expect(ctx.status).toBe('ready')
    expect([ctx.view, ctx.entityTypeId, ctx.layout]).toEqual(['settings', 1030, 'slider'])
    expect(ctx.language).toBe('ru')
    // IS_ADMIN alone does not tell the CRM admin right: read-only until the user is read (docs/platform.md "Rights").
    expect(ctx.canEdit).toBe(false)
    expect(ctx.canInstall).toBe(true)
  })

  it('starts the frame once, however often it is asked', async () => {
    const ctx = useContextStore()
    let starts = 0
    const connect = async () => {
      starts++
      return connection()
    }
    await Promise.all([ctx.start(connect), ctx.start(connect), ctx.start(connect)])
    expect(starts).toBe(1)
  })

  it('tells outside-the-portal apart from a failed start', async () => {
    const outside = useContextStore()
    await outside.start(() => Promise.reject(new AppError({ code: 'outside_portal' })))
    expect(outside.status).toBe('outside')
    setActivePinia(createPinia())
    const failed = useContextStore()
    await failed.start(() => Promise.reject(new Error('boom')))
    expect(failed.status).toBe('error')
    expect(failed.error?.code).toBe('unknown')
  })

  it('lets the portal\'s answer about the user overrule IS_ADMIN', async () => {
    const ctx = useContextStore()
    ctx.attach(connection({ isAdmin: true }))
    ctx.setUser({ id: 2, name: 'Jamie Lee', isAdmin: false, canEditTypes: false })
    expect(ctx.canEdit).toBe(false)
    expect(ctx.canInstall).toBe(false)
    expect(ctx.readOnlyReason).toBe('not_crm_admin')
  })

  it('tells the two rights apart: a CRM admin edits types, only a portal admin installs', async () => {
    const ctx = useContextStore()
    ctx.attach(connection({ isAdmin: false }))
    ctx.setUser({ id: 4, name: 'Dana Petrova', isAdmin: false, canEditTypes: true })
    expect([ctx.canEdit, ctx.canInstall]).toEqual([true, false])
    ctx.markPlanRestricted()
    expect([ctx.canEdit, ctx.readOnlyReason]).toEqual([false, 'plan_restricted'])
  })
})
