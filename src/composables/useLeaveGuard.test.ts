import { describe, expect, it } from 'vitest'
import { effectScope, ref } from 'vue'
import { useLeaveGuard } from './useLeaveGuard'

function unload(): Event {
  const event = new Event('beforeunload', { cancelable: true })
  window.dispatchEvent(event)
  return event
}

describe('useLeaveGuard', () => {
  it('asks the browser to confirm leaving only while something is unsaved', () => {
    const dirty = ref(false)
    const scope = effectScope()
    scope.run(() => useLeaveGuard(dirty))
    expect(unload().defaultPrevented).toBe(false)
    dirty.value = true
    expect(unload().defaultPrevented).toBe(true)
    scope.stop()
    expect(unload().defaultPrevented).toBe(false)
  })

  it('asks before an in-app navigation drops the draft, and lets it go when clean', () => {
    const dirty = ref(true)
    const asked: string[] = []
    const scope = effectScope()
    const guard = scope.run(() => useLeaveGuard(dirty, { message: 'Leave?', confirm: (m) => { asked.push(m); return false } }))!
    expect(guard.confirmLeave()).toBe(false)
    expect(asked).toEqual(['Leave?'])
    dirty.value = false
    expect(guard.confirmLeave()).toBe(true)
    scope.stop()
  })
})
