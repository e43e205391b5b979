import { afterEach, describe, expect, it, vi } from 'vitest'
import { buildRelationGraph } from './graph'
import { layoutGraph } from './layout'

const graph = buildRelationGraph([], [{ entityTypeId: 2, title: 'Deals', isStandard: true }, { entityTypeId: 3, title: 'Contacts', isStandard: true }])

/** Issue 21: the map's layout in a Web Worker, and on the main thread wherever a worker cannot run. */
describe('layoutOffMainThread', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.resetModules()
  })

  it('lays out on the main thread where there is no Worker', async () => {
    vi.stubGlobal('Worker', undefined)
    const { layoutOffMainThread } = await import('./layout-off-thread')
    expect((await layoutOffMainThread(graph)).positions).toEqual((await layoutGraph(graph)).positions)
  })

  it('falls back to the main thread when the worker fails to start, and does not try it again', async () => {
    const made: string[] = []
    class FailingWorker extends EventTarget {
      constructor(url: URL) {
        super()
        made.push(String(url))
      }

      postMessage() {
        queueMicrotask(() => this.dispatchEvent(new Event('error')))
      }

      terminate() {}
    }
    vi.stubGlobal('Worker', FailingWorker)
    const { layoutOffMainThread } = await import('./layout-off-thread')
    const want = (await layoutGraph(graph)).positions
    expect((await layoutOffMainThread(graph)).positions).toEqual(want)
    expect((await layoutOffMainThread(graph)).positions).toEqual(want)
    expect(made).toHaveLength(1)
    expect(made[0]).toContain('layout.worker')
  })
})
