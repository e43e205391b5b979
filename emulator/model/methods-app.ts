/** placement.*, user.*, profile, app.*, methods, scope (docs/platform.md "Placements"). */
import type { ModelContext } from './context'
import type { MethodHandler } from './methods'
import { errors } from './errors'
import { availablePlacements, bindPlacement, listBindings, unbindPlacement } from './placements'
import { isAllowed } from './scopes'
import { findUser, isAdmin, profileToWire, userToWire } from './users'
import { isRecord, parseBool } from './wire'

/** The scopes this emulated portal knows (what a webhook and `scope?full=true` list). */
const ALL_SCOPES = ['crm', 'placement', 'user', 'user_brief', 'user_basic', 'entity'] as const

function currentUser(userId: number) {
  const user = findUser(userId)
  if (!user)
    throw errors.noAuth()
  return user
}

function requireRestAdmin(userId: number): void {
  if (!isAdmin(userId))
    throw errors.restAccessDenied()
}

/** placement-bind.md "Кто может выполнять метод: администратор"; rest/lib/api/placement.php checkPermission → AccessException. */
function requirePlacementAdmin(userId: number): void {
  if (!isAdmin(userId))
    throw errors.placementAccessDenied()
}

export function appMethods(ctx: ModelContext, names: () => string[]): Record<string, MethodHandler> {
  return {
    'placement.bind': (p, call) => {
      requirePlacementAdmin(call.userId)
      return { result: bindPlacement(ctx.state, call.userId, p, ctx.faults?.().placementMaxCount ?? false) }
    },
    'placement.unbind': (p, call) => {
      requirePlacementAdmin(call.userId)
      return { result: unbindPlacement(ctx.state, p) }
    },
    'placement.get': (_p, call) => {
      requirePlacementAdmin(call.userId)
      return { result: listBindings(ctx.state) }
    },
    'placement.list': () => ({ result: availablePlacements(ctx.state) }),

    'user.current': (_p, call) => ({ result: userToWire(currentUser(call.userId)) }),
    'user.admin': (_p, call) => ({ result: isAdmin(call.userId) }),
    'profile': (_p, call) => ({ result: profileToWire(currentUser(call.userId)) }),

    'app.info': () => ({
      result: {
        ID: 1,
        CODE: 'local.smart-process-studio',
        VERSION: 1,
        STATUS: 'L',
        INSTALLED: ctx.state.installed,
        PAYMENT_EXPIRED: 'N',
        DAYS: null,
        LANGUAGE_ID: 'en',
        LICENSE: 'en_project',
        LICENSE_TYPE: 'project',
        LICENSE_FAMILY: 'project',
      },
    }),
    'app.option.get': (p) => {
      const opts = ctx.state.appOptions
      if (typeof p.option === 'string')
        return { result: opts[p.option] ?? null }
      return { result: Object.keys(opts).length === 0 ? [] : { ...opts } }
    },
    // app.option.set is admin only (docs/platform.md "Rights").
    'app.option.set': (p, call) => {
      requireRestAdmin(call.userId)
      if (!isRecord(p.options))
        throw errors.missingParam('options')
      Object.assign(ctx.state.appOptions, p.options)
      return { result: true }
    },

    // methods.md: the methods available to the app (its scopes' and the basic ones).
    'methods': (_p, call) => ({ result: call.scopes ? names().filter(n => isAllowed(n, call.scopes!)) : names() }),
    // scope.md: without `full`, the scopes available to the app; a webhook here keeps them all.
    'scope': (p, call) => ({ result: call.scopes && !parseBool(p.full) ? [...call.scopes] : [...ALL_SCOPES] }),
  }
}
