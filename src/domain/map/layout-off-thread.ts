/**
 * Lays the relation map out in a Web Worker (layout.worker.ts), one worker
 * kept for the session; where there is none (tests, an old browser) or it
 * fails, on the main thread as before. Same answer either way.
 */
import type { RelationGraph } from './graph'
import type { MapLayout } from './layout'
import { layoutGraph } from './layout'

export interface LayoutRequest {
  id: number
  graph: RelationGraph
}

export type LayoutReply =
  | { id: number, ok: true, layout: MapLayout }
  | { id: number, ok: false, message: string }

let worker: Worker | null = null
let broken = false
let nextId = 0
const waiting = new Map<number, (reply: LayoutReply) => void>()

function start(): Worker | null {
  if (worker || broken || typeof Worker === 'undefined')
    return worker
  try {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' })
    worker.addEventListener('message', (e: MessageEvent<LayoutReply>) => {
      waiting.get(e.data.id)?.(e.data)
      waiting.delete(e.data.id)
    })
    // A worker that cannot start (CSP, a failed fetch): every layout waiting and to come runs here instead.
    worker.addEventListener('error', () => {
      broken = true
      worker?.terminate()
      worker = null
      for (const [id, done] of waiting)
        done({ id, ok: false, message: 'layout worker failed' })
      waiting.clear()
    })
  }
  catch {
    broken = true
  }
  return worker
}

export async function layoutOffMainThread(graph: RelationGraph): Promise<MapLayout> {
  const w = start()
  if (!w)
    return layoutGraph(graph)
  const id = ++nextId
  const reply = await new Promise<LayoutReply>((resolve) => {
    waiting.set(id, resolve)
    w.postMessage({ id, graph } satisfies LayoutRequest)
  })
  return reply.ok ? reply.layout : layoutGraph(graph)
}
