/** A locale's messages: namespaces of nested keys, a message at each leaf (a string; its AST in the build). */
export type MessageTree = { [key: string]: string | MessageTree }

/** A locale folder's files as one tree, each file under its namespace (`./en/settings.json` holds `settings.*`). */
export function byNamespace(files: Record<string, MessageTree>): MessageTree {
  const out: MessageTree = {}
  for (const [path, tree] of Object.entries(files)) {
    const ns = path.replace(/^.*\/(.+)\.json$/, '$1')
    out[ns] = tree
  }
  return out
}
