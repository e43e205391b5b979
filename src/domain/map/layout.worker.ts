/**
 * The relation map's layout off the main thread (issue 21): about a second
 * of dagre on 300 types would otherwise be one long task that freezes the
 * page. Gets a graph, answers its layout (a Map survives structured clone).
 */
import type { LayoutReply, LayoutRequest } from './layout-off-thread'
import { layoutGraph } from './layout'

globalThis.addEventListener('message', (event: MessageEvent<LayoutRequest>) => {
  const { id, graph } = event.data
  layoutGraph(graph).then(
    layout => globalThis.postMessage({ id, ok: true, layout } satisfies LayoutReply),
    error => globalThis.postMessage({ id, ok: false, message: String(error) } satisfies LayoutReply),
  )
})
