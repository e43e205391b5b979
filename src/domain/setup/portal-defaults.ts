/**
 * What Bitrix24 makes by itself, which the planner must expect: every new
 * type gets a default pipeline, every new pipeline five stages
 * (docs/platform.md "Pipelines and the recycle bin", "Stages").
 */
import type { FlagKey } from '@/domain/flags'
import type { StageSemantics } from './types'

/** The default pipeline's name, in the language of whoever created the type (docs/platform.md "Pipelines and the recycle bin"). */
export const DEFAULT_PIPELINE_NAME = { en: 'New pipeline', ru: 'Общая' } as const

/** crm.category.add SORT when none is sent (crm-category-add.md). */
export const DEFAULT_PIPELINE_SORT = 500

/** The stages of every new pipeline, SORT 10–50 (docs/platform.md "Stages": DefaultStages). */
export const NEW_PIPELINE_STAGES: readonly { code: string, name: { en: string, ru: string }, sort: number, semantics: StageSemantics, color: string, system: boolean }[] = [
  { code: 'NEW', name: { en: 'Start', ru: 'Начало' }, sort: 10, semantics: 'process', color: '#22B9FF', system: true },
  { code: 'PREPARATION', name: { en: 'Prepare', ru: 'Подготовка' }, sort: 20, semantics: 'process', color: '#88B9FF', system: false },
  { code: 'CLIENT', name: { en: 'Approval', ru: 'Согласование' }, sort: 30, semantics: 'process', color: '#10e5fc', system: false },
  { code: 'SUCCESS', name: { en: 'Success', ru: 'Успех' }, sort: 40, semantics: 'success', color: '#00ff00', system: true },
  { code: 'FAIL', name: { en: 'Failed', ru: 'Провал' }, sort: 50, semantics: 'failure', color: '#ff0000', system: true },
]

/**
 * Flags whose turning off the portal may refuse, failing the whole
 * crm.type.update (docs/platform.md "Pipelines and the recycle bin": more
 * than one pipeline; items in the recycle bin). The import sends each alone,
 * so a refusal costs that flag only.
 */
export const REFUSABLE_WHEN_OFF: readonly FlagKey[] = ['isCategoriesEnabled', 'isRecyclebinEnabled']
