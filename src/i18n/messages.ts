/**
 * Messages of each locale, one JSON file per feature namespace
 * (`en/settings.json` holds the `settings.*` keys), so features are edited
 * apart. en is the source locale, ru mirrors it key for key.
 */
type Tree = { [key: string]: string | Tree }

// home and install are the app page's own (page-messages.ts): they travel in its lazy chunk, so the card tab does not pay for them.
const enFiles = import.meta.glob<Tree>(['./en/*.json', '!./en/home.json', '!./en/install.json'], { eager: true, import: 'default' })
const ruFiles = import.meta.glob<Tree>(['./ru/*.json', '!./ru/home.json', '!./ru/install.json'], { eager: true, import: 'default' })

function merge(files: Record<string, Tree>): Tree {
  const out: Tree = {}
  for (const [path, tree] of Object.entries(files)) {
    const ns = path.replace(/^.*\/(.+)\.json$/, '$1')
    out[ns] = tree
  }
  return out
}

export const en = merge(enFiles)
export const ru = merge(ruFiles)
