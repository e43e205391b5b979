/** The "Fault switches" region shown on every portal page (DESIGN.md, the portal emulator). */
import type { PortalHandle } from '../contract'
import type { PageContext } from './context'
import type { SafeHtml } from './html'
import { html } from './html'
import { pagesState } from './state'
import { t } from './strings'

/** Renders the collapsible panel with the current switch values; the page script talks to /emulator/pages/faults. */
export function faultPanel(ctx: PageContext, portal: PortalHandle, entityTypeId?: number): SafeHtml {
  const f = portal.faults
  const l = ctx.lang
  const checked = (on: boolean) => (on ? html` checked` : '')
  return html`<section class="fault-panel" aria-labelledby="faults-heading">
  <h2 id="faults-heading"><button type="button" id="faults-toggle" aria-expanded="false" aria-controls="faults-body">${t(l, 'faults_title')}</button></h2>
  <div id="faults-body" hidden>
    <form id="faults-form">
      <label>${t(l, 'fault_latency')} <input name="latencyMs" type="number" min="0" step="50" value="${f.latencyMs}"></label>
      <label>${t(l, 'fault_error_rate')} <input name="errorRate" type="number" min="0" max="100" step="5" value="${Math.round(f.errorRate * 100)}"></label>
      <label><input name="rateLimit" type="checkbox"${checked(f.rateLimit)}> ${t(l, 'fault_rate_limit')}</label>
      <label><input name="refreshSilent" type="checkbox"${checked(pagesState(portal).refreshSilent)}> ${t(l, 'fault_refresh_silent')}</label>
      <label>${t(l, 'fault_drop_relations')} <input name="dropRelationsTo" type="text" inputmode="numeric" placeholder="2, 3" value="${f.dropRelationsTo.join(', ')}"></label>
      <label>${t(l, 'fault_app_scopes')} <input name="appScopes" type="text" placeholder="crm, placement" value="${f.appScopes.join(', ')}"></label>
      <label><input name="planForbidsUpdate" type="checkbox"${checked(f.planForbidsUpdate)}> ${t(l, 'fault_plan_update')}</label>
      <label><input name="planForbidsCreate" type="checkbox"${checked(f.planForbidsCreate)}> ${t(l, 'fault_plan_create')}</label>
      <label><input name="bindRefusedInBatch" type="checkbox"${checked(f.bindRefusedInBatch)}> ${t(l, 'fault_bind_batch')}</label>
      <label><input name="placementMaxCount" type="checkbox"${checked(f.placementMaxCount)}> ${t(l, 'fault_placement_max')}</label>
      <label>${t(l, 'fault_app_users')} <input name="appUsers" type="text" inputmode="numeric" placeholder="1, 4" value="${(f.appUsers ?? []).join(', ')}"></label>
      <button type="submit" class="btn">${t(l, 'fault_apply')}</button>
    </form>
    <p class="fault-actions">
      <button type="button" class="btn" id="fault-expire">${t(l, 'fault_expire')}</button>
      ${entityTypeId ? html`<button type="button" class="btn" id="fault-other-admin" data-entity-type-id="${entityTypeId}">${t(l, 'fault_other_admin')}</button>` : ''}
    </p>
    <p role="status" id="faults-status" class="fault-status"></p>
  </div>
</section>`
}
