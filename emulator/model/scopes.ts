/**
 * Which scopes allow which method (api-reference/scopes/permissions.md and
 * each method page's "Scope:" line). An app calls only methods of the scopes
 * it is registered with; anything else answers 403 insufficient_scope
 * (_includes/system-errors.md). Basic methods need no scope.
 */

/** Methods of the basic scope ("Scope: базовый"): profile.md, user-admin.md, user-access.md, app-info.md, app-option-*.md, methods.md, scope.md, server-time.md, batch. */
export const BASIC_METHODS = [
  'profile',
  'user.admin',
  'user.access',
  'app.info',
  'app.option.get',
  'app.option.set',
  'methods',
  'method.get',
  'scope',
  'batch',
  'server.time',
] as const

/** api-reference/user/user-current.md, user-get.md, user-search.md: any one of these three. */
const USER_SCOPES = ['user', 'user_brief', 'user_basic'] as const
const USER_METHODS = new Set(['user.current', 'user.get', 'user.search'])

/** Prefix → scope, for methods of whole families (crm.*, placement.*, entity.*). */
const PREFIX_SCOPES: [prefix: string, scope: string][] = [
  ['crm.', 'crm'],
  ['placement.', 'placement'],
  ['entity.', 'entity'],
]

/**
 * The scopes any one of which allows `method` (lower case, no `.json`);
 * an empty list for basic methods and methods the table does not know.
 */
export function scopesFor(method: string): readonly string[] {
  const m = method.toLowerCase()
  if ((BASIC_METHODS as readonly string[]).includes(m))
    return []
  if (USER_METHODS.has(m))
    return USER_SCOPES
  const hit = PREFIX_SCOPES.find(([prefix]) => m.startsWith(prefix))
  return hit ? [hit[1]] : []
}

/** Whether an app with `granted` scopes may call `method`. */
export function isAllowed(method: string, granted: readonly string[]): boolean {
  const needed = scopesFor(method)
  return needed.length === 0 || needed.some(s => granted.includes(s))
}

/** Parses `crm, placement` (PORTAL_SCOPES, the fault panel) or a list into distinct lower-case scope names. */
export function parseScopes(value: unknown): string[] {
  const list = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[\s,;]+/)
  return [...new Set(list.map(s => s.trim().toLowerCase()).filter(Boolean))]
}
