import { isAppError } from './errors'
import { parsePlacement } from './placement'

/** Which screen the placement gets. */
export type PlacementView = 'settings' | 'home' | 'unsupported'
/** The card tab is narrow; the list toolbar opens the app in a wide slider. */
export type SettingsLayout = 'tab' | 'slider'

/** What the shell shows for a placement. */
export interface PlacementRoute {
  view: PlacementView
  /** The smart process the placement belongs to; null on the app's page and for unknown codes. */
  entityTypeId: number | null
  layout: SettingsLayout
}

/**
 * Decides the screen from the placement code, and nothing else than that:
 * DETAIL_TAB → settings in the narrow tab layout, LIST_TOOLBAR → settings in
 * the slider layout (the portal opens toolbar actions in a slider,
 * docs/platform.md "Placements"), DEFAULT → the app's page, any other code → unsupported.
 */
export function routePlacement(code: string): PlacementRoute {
  try {
    const p = parsePlacement(code)
    if (p.kind === 'default')
      return { view: 'home', entityTypeId: null, layout: 'slider' }
    if (p.name === 'DETAIL_TAB')
      return { view: 'settings', entityTypeId: p.entityTypeId, layout: 'tab' }
    if (p.name === 'LIST_TOOLBAR')
      return { view: 'settings', entityTypeId: p.entityTypeId, layout: 'slider' }
    return { view: 'unsupported', entityTypeId: p.entityTypeId, layout: 'tab' }
  }
  catch (e) {
    if (isAppError(e) && e.code === 'unknown_placement')
      return { view: 'unsupported', entityTypeId: null, layout: 'tab' }
    throw e
  }
}
