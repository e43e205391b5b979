import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/** The layers are a lint rule (eslint.config.js, docs/architecture.md): each case is one import that must fail, or pass. */
const eslint = new ESLint({ cwd: `${__dirname}/..` })

async function restricted(filePath: string, code: string): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).some(m => m.ruleId === 'no-restricted-imports')
}

describe('layer boundaries', () => {
  it.each([
    ['src/domain/x.ts', 'import { ref } from \'vue\'\nexport const x = ref'],
    ['src/domain/x.ts', 'import { useContextStore } from \'@/stores/context\'\nexport const x = useContextStore'],
    ['src/portal/x.ts', 'import { useContextStore } from \'@/stores/context\'\nexport const x = useContextStore'],
    ['src/stores/x.ts', 'import { useFitFrame } from \'@/composables/useFitFrame\'\nexport const x = useFitFrame'],
    ['src/components/x/X.ts', 'import { useContextStore } from \'@/stores/context\'\nexport const x = useContextStore'],
    ['src/stores/x.ts', 'import { createPortal } from \'../../emulator/model/portal\'\nexport const x = createPortal'],
    ['emulator/model/x.ts', 'import { createRestGateway } from \'../../src/portal/rest-gateway\'\nexport const x = createRestGateway'],
  ])('refuses in %s: %s', async (file, code) => {
    expect(await restricted(file, code)).toBe(true)
  })

  it.each([
    ['src/portal/x.ts', 'import { FLAGS } from \'@/domain/flags\'\nexport const x = FLAGS'],
    ['src/stores/x.ts', 'import { createRestGateway } from \'@/portal/rest-gateway\'\nexport const x = createRestGateway'],
    ['src/components/x/X.ts', 'import type { SaveStatus } from \'@/stores/type-settings\'\nexport type X = SaveStatus'],
    ['emulator/model/x.ts', 'import { FLAGS } from \'../../src/domain/flags\'\nexport const x = FLAGS'],
  ])('allows in %s: %s', async (file, code) => {
    expect(await restricted(file, code)).toBe(false)
  })
})
