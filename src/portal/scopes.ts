/**
 * Every REST method the app calls and the scope a portal wants for it
 * (docs/platform.md "Scopes"). One map: the README's registration lists
 * `APP_SCOPES`, and a test fails when a method of the portal layer is missing
 * here or needs a scope the app is not registered with. A portal answers a
 * method outside the app's scopes with `403 insufficient_scope`.
 */

/** What a method needs: one of the scopes, or nothing (`basic`: any app may call it). */
export type MethodScope = 'crm' | 'placement' | 'entity' | 'basic'

/** The scopes the app is registered with (README "Deploy to a real portal"). */
export const APP_SCOPES = ['crm', 'placement', 'entity'] as const

export type AppScope = (typeof APP_SCOPES)[number]

/**
 * The methods of the portal layer. `profile` instead of `user.current`: the
 * latter needs scope user, user_brief or user_basic (docs/platform.md "Scopes").
 */
export const METHOD_SCOPES = {
  'crm.type.getByEntityTypeId': 'crm',
  'crm.type.get': 'crm',
  'crm.type.list': 'crm',
  'crm.type.fields': 'crm',
  'crm.type.add': 'crm',
  'crm.type.update': 'crm',
  'crm.type.delete': 'crm',
  'crm.item.list': 'crm',
  'crm.enum.ownertype': 'crm',
  'crm.category.list': 'crm',
  'crm.category.add': 'crm',
  'crm.category.update': 'crm',
  'crm.category.delete': 'crm',
  'crm.status.list': 'crm',
  'crm.status.add': 'crm',
  'crm.status.update': 'crm',
  'crm.status.delete': 'crm',
  'placement.bind': 'placement',
  'placement.unbind': 'placement',
  'placement.get': 'placement',
  // The history journal lives in the app's own storage (issue 19; docs/platform.md "App storages").
  'entity.get': 'entity',
  'entity.add': 'entity',
  'entity.rights': 'entity',
  'entity.item.property.get': 'entity',
  'entity.item.property.add': 'entity',
  'entity.item.get': 'entity',
  'entity.item.add': 'entity',
  'entity.item.update': 'entity',
  'entity.item.delete': 'entity',
  'profile': 'basic',
  'batch': 'basic',
} as const satisfies Record<string, MethodScope>

export type AppMethod = keyof typeof METHOD_SCOPES

/** The scope a method needs; null for a method the app does not know (a bug: add it to the map). */
export function scopeOf(method: string): MethodScope | null {
  const key = Object.keys(METHOD_SCOPES).find(m => m.toLowerCase() === method.toLowerCase()) as AppMethod | undefined
  return key ? METHOD_SCOPES[key] : null
}
