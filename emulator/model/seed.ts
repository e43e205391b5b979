/**
 * The demo portal: standard types 1, 2, 3, 4, 7, 31 (built in), three smart
 * processes with relations among themselves and with deals, contacts and
 * companies, items in two of them and none in the third. Every smart process
 * has its default pipeline; Equipment Repairs has a second one; every pipeline
 * has the default stages (stages.ts).
 *
 * The `standard` seed is a second, younger portal: the same standard types and
 * their items (contacts, companies, deals) but no smart process yet, the easy
 * target for copying a setup over (`npm run dev -- --portals 2`).
 */
import type { ModelContext } from './context'
import type { PortalState } from './state'
import { randomBytes } from 'node:crypto'
import { addCategory } from './categories'
import { addItem } from './items'
import { FIRST_STAGE_ID } from './stages'
import { restTypeInput } from './type-input'
import { addType, touchInitialized } from './types'

/** When the seed's records were "created": fixed, so the seed is the same every time. */
export const SEED_TIME = Date.parse('2026-04-01T06:00:00Z')

export function emptyState(memberId = randomBytes(16).toString('hex')): PortalState {
  return {
    version: 1,
    memberId,
    types: [],
    edges: [],
    items: [],
    placements: [],
    appOptions: {},
    nextTypeId: 1,
    usedEntityTypeIds: [],
    nextItemIds: {},
    installed: false,
    categories: [],
    nextCategoryId: 1,
    recycleBin: [],
    entityStorages: [],
    nextEntityIds: { storage: 1, item: 1, property: 1 },
    stages: [],
    nextStageId: FIRST_STAGE_ID,
    applicationToken: randomBytes(16).toString('hex'),
  }
}

/** Entity type ids of the seeded smart processes. */
export const SEED_TYPES = { repairs: 1030, contracts: 1032, campaigns: 1034 } as const

/** What a fresh portal holds: the demo (three smart processes) or the standard types' items only. */
export type SeedKind = 'demo' | 'standard'

export const SEED_KINDS: readonly SeedKind[] = ['demo', 'standard']

/** A fresh seeded state. */
export function seedState(memberId?: string, kind: SeedKind = 'demo'): PortalState {
  const state = emptyState(memberId)
  let t = SEED_TIME
  const ctx: ModelContext = { state, now: () => (t += 60_000), maxTypes: Number.POSITIVE_INFINITY, dropRelationsTo: () => [] }
  const admin = 1
  for (const [entityTypeId, title] of [[3, 'Olivia Bennett'], [3, 'Marcus Chen'], [3, 'Priya Nair'], [4, 'Northwind Traders'], [4, 'Contoso Logistics']] as const)
    addItem(ctx, admin, entityTypeId, { title })
  for (const title of ['Fleet maintenance 2026', 'Warehouse retrofit', 'Annual service plan'])
    addItem(ctx, admin, 2, { title, parentId4: 1 })
  if (kind === 'standard')
    return state

  // Stated as portal REST takes it (crm-type-add.md): linkedUserFields only with
  // isUseInUserfieldEnabled 'Y' in the same call and 'true' per key; isChildrenListEnabled 'true'/'false'.
  const repairs = addType(ctx, admin, restTypeInput({
    entityTypeId: SEED_TYPES.repairs,
    title: 'Equipment Repairs',
    isStagesEnabled: 'Y',
    isCategoriesEnabled: 'Y',
    isClientEnabled: 'Y',
    isObserversEnabled: 'Y',
    isAutomationEnabled: 'Y',
    isBeginCloseDatesEnabled: 'Y',
    isUseInUserfieldEnabled: 'Y',
    linkedUserFields: { 'TASKS_TASK|UF_CRM_TASK': 'true', 'TASKS_TASK_TEMPLATE|UF_CRM_TASK': 'false', 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': 'true' },
    relations: { parent: [{ entityTypeId: 2, isChildrenListEnabled: 'true' }], child: [] },
  }))
  const contracts = addType(ctx, admin, restTypeInput({
    entityTypeId: SEED_TYPES.contracts,
    title: 'Supplier Contracts',
    isStagesEnabled: 'Y',
    isDocumentsEnabled: 'Y',
    isLinkWithProductsEnabled: 'Y',
    isMycompanyEnabled: 'Y',
    relations: {
      parent: [{ entityTypeId: 4, isChildrenListEnabled: 'true' }, { entityTypeId: SEED_TYPES.repairs, isChildrenListEnabled: 'true' }],
      child: [],
    },
  }))
  const campaigns = addType(ctx, admin, restTypeInput({
    entityTypeId: SEED_TYPES.campaigns,
    title: 'Marketing Campaigns',
    isSourceEnabled: 'Y',
    isBizProcEnabled: 'Y',
    isSetOpenPermissions: 'N',
    relations: { parent: [], child: [{ entityTypeId: 2, isChildrenListEnabled: 'false' }, { entityTypeId: 3, isChildrenListEnabled: 'true' }] },
  }))
  for (const rec of [repairs, contracts, campaigns])
    touchInitialized(rec)
  // Each type got its default pipeline (ids 1, 2, 3) with its five stages; Equipment Repairs, with pipelines on, has a second one (id 4).
  addCategory(ctx, SEED_TYPES.repairs, { name: 'Warranty repairs', sort: 600 })

  const repairTitles = ['Forklift hydraulic leak', 'Conveyor belt replacement', 'HVAC compressor check', 'Loading dock door', 'Generator annual service']
  repairTitles.forEach((title, i) => addItem(ctx, admin, SEED_TYPES.repairs, { title, parentId2: (i % 3) + 1, parentId3: (i % 3) + 1 }))
  for (const [title, repair] of [['Hydraulic parts supply', 1], ['Belt and roller supply', 2], ['Spare filters 2026', 3]] as const)
    addItem(ctx, admin, SEED_TYPES.contracts, { title, parentId4: 1, [`parentId${SEED_TYPES.repairs}`]: repair })
  return state
}

/** Adds `count` more smart processes (benchmarks: hundreds of types); returns their entityTypeIds. */
export function addExtraTypes(ctx: ModelContext, count: number): number[] {
  const ids: number[] = []
  const base = ctx.state.types.length
  for (let i = 1; i <= count; i++)
    ids.push(addType(ctx, 1, { title: `Benchmark process ${base + i}`, flags: {} }).entityTypeId)
  return ids
}
