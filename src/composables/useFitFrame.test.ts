import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, shallowRef } from 'vue'
import { useFitFrame } from './useFitFrame'

// happy-dom lays nothing out: a ResizeObserver that the test triggers, and heights the test sets.
class FakeObserver {
  static all: FakeObserver[] = []
  targets = new Set<Element>()
  constructor(private cb: ResizeObserverCallback) {
    FakeObserver.all.push(this)
  }

  observe(el: Element) { this.targets.add(el) }
  unobserve(el: Element) { this.targets.delete(el) }
  disconnect() { this.targets.clear() }
  fire() { this.cb([], this as unknown as ResizeObserver) }
}

function element(height: number) {
  const el = document.createElement('div')
  el.getBoundingClientRect = () => ({ height, width: 300, top: 0, left: 0, right: 300, bottom: height, x: 0, y: 0, toJSON: () => ({}) })
  return el
}

describe('useFitFrame', () => {
  beforeEach(() => {
    FakeObserver.all = []
    vi.stubGlobal('ResizeObserver', FakeObserver)
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => setTimeout(() => cb(0), 0) as unknown as number)
    vi.stubGlobal('cancelAnimationFrame', (id: number) => clearTimeout(id))
  })
  afterEach(() => vi.unstubAllGlobals())

  it('asks the portal for the content\'s height, growing and shrinking, once per change', async () => {
    const sent: number[] = []
    let el = element(480.2)
    const target = shallowRef<HTMLElement | null>(el)
    const scope = effectScope()
    scope.run(() => useFitFrame(target, { resize: h => sent.push(h) }))
    await nextTick()
    await new Promise(r => setTimeout(r, 5))
    expect(sent).toEqual([481])
    FakeObserver.all[0]!.fire()
    await new Promise(r => setTimeout(r, 5))
    expect(sent).toEqual([481])
    el = element(200)
    target.value = el
    await nextTick()
    await new Promise(r => setTimeout(r, 5))
    expect(sent).toEqual([481, 200])
    scope.stop()
  })

  it('stops observing when its scope is disposed', async () => {
    const target = shallowRef<HTMLElement | null>(element(300))
    const scope = effectScope()
    scope.run(() => useFitFrame(target, { resize: () => {} }))
    await nextTick()
    expect(FakeObserver.all[0]!.targets.size).toBe(1)
    scope.stop()
    expect(FakeObserver.all[0]!.targets.size).toBe(0)
  })

  it('never asks for less than the minimum height', async () => {
    const sent: number[] = []
    const scope = effectScope()
    scope.run(() => useFitFrame(element(10), { resize: h => sent.push(h), minHeight: 120 }))
    await nextTick()
    await new Promise(r => setTimeout(r, 5))
    expect(sent).toEqual([120])
    scope.stop()
  })
})
