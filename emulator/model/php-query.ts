/**
 * PHP's `parse_str`: `a[b][]=1&a[b][]=2&c=3` → `{a: {b: ["1", "2"]}, c: "3"}`.
 * Batch commands (`"crm.type.list?start=50"`) and form bodies arrive in this
 * form (docs/platform.md "Batch"; the SDK builds them with qs.stringify).
 */
type Node = Record<string, unknown>

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '))
  }
  catch {
    return s
  }
}

function nextIndex(node: Node): string {
  const nums = Object.keys(node).filter(k => /^\d+$/.test(k)).map(Number)
  return String(nums.length === 0 ? 0 : Math.max(...nums) + 1)
}

/** Turns objects whose keys are exactly 0..n-1 into arrays, as PHP's json_encode would print them. */
function listify(value: unknown): unknown {
  if (typeof value !== 'object' || value === null)
    return value
  const node = value as Node
  for (const k of Object.keys(node))
    node[k] = listify(node[k])
  const keys = Object.keys(node)
  if (keys.length > 0 && keys.every((k, i) => k === String(i)))
    return keys.map(k => node[k])
  return node
}

/** Parses a query string the way PHP does. */
export function parsePhpQuery(query: string): Record<string, unknown> {
  const root: Node = {}
  for (const part of query.split('&')) {
    if (!part)
      continue
    const eq = part.indexOf('=')
    const rawKey = decode(eq < 0 ? part : part.slice(0, eq))
    const value = eq < 0 ? '' : decode(part.slice(eq + 1))
    const m = /^([^[]+)((?:\[[^\]]*\])*)$/.exec(rawKey)
    if (!m) {
      root[rawKey] = value
      continue
    }
    const path = [m[1]!, ...[...m[2]!.matchAll(/\[([^\]]*)\]/g)].map(x => x[1]!)]
    let node = root
    for (let i = 0; i < path.length; i++) {
      let key = path[i]!
      if (key === '')
        key = nextIndex(node)
      if (i === path.length - 1) {
        node[key] = value
      }
      else {
        const child = node[key]
        if (typeof child !== 'object' || child === null)
          node[key] = {}
        node = node[key] as Node
      }
    }
  }
  for (const k of Object.keys(root))
    root[k] = listify(root[k])
  return root
}
