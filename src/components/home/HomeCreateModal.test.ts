import type { VueWrapper } from '@vue/test-utils'
import type { NewTypeForm } from '@/domain/new-type'
import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { useI18n } from 'vue-i18n'
import { settableFlags } from '@/domain/flags'
import { enPage } from '@/i18n/page-en'
import { mountInApp } from '@test/mount'
import HomeCreateModal from './HomeCreateModal.vue'

/** The radio or switch a visible label names (kit switches: <label for>; kit radios: a wrapping <label>). */
function control(text: string): HTMLElement {
  const el = [...document.querySelectorAll<HTMLElement>('[role="radio"], [role="switch"]')].find((c) => {
    const label = c.closest('label') ?? document.querySelector(`label[for="${CSS.escape(c.id)}"]`)
    return label?.textContent?.trim() === text
  })
  if (!el)
    throw new Error(`no control labelled ${text}`)
  return el
}

const checked = (text: string) => control(text).getAttribute('aria-checked')

describe('HomeCreateModal presets', () => {
  let wrapper: VueWrapper | null = null
  const submitted: NewTypeForm[] = []
  afterEach(() => {
    wrapper?.unmount()
    wrapper = null
    submitted.length = 0
    document.body.innerHTML = ''
  })

  async function mount() {
    // The app page's messages travel in its own chunk: AppHome merges them, so does this stand-in.
    const Page = defineComponent({
      setup() {
        useI18n({ useScope: 'global' }).mergeLocaleMessage('en', enPage)
        return () => h(HomeCreateModal, { 'open': true, 'status': 'idle', 'flagKeys': settableFlags('rest'), 'onUpdate:open': () => {}, 'onSubmit': (f: NewTypeForm) => submitted.push(f) })
      },
    })
    wrapper = await mountInApp(Page)
  }

  async function click(el: HTMLElement) {
    el.click()
    await flushPromises()
  }

  it('opens on Bitrix24\'s defaults and says where they come from', async () => {
    await mount()
    expect(checked('Bitrix24 defaults')).toBe('true')
    expect(checked('Open new pipelines to everyone')).toBe('true')
    expect(checked('Stages and kanban')).toBe('false')
    expect(document.body.textContent).toContain('Bitrix24 defaults: what Bitrix24 gives a new smart process when nothing is chosen (crm.type.add).')
  })

  it('a preset sets the switches; a switch changed by hand leaves no preset claimed, and the form sends what is shown', async () => {
    await mount()
    await click(control('Kanban with stages'))
    expect(checked('Stages and kanban')).toBe('true')
    expect(checked('Automation rules and triggers')).toBe('true')
    expect(checked('Pipelines')).toBe('false')

    await click(control('Source'))
    expect(checked('Kanban with stages')).toBe('false')
    expect(document.body.textContent).toContain('Your own choice: the switches below match none of these.')

    const title = document.querySelector<HTMLInputElement>('#create-type-form input')!
    title.value = 'Field Visits'
    title.dispatchEvent(new Event('input'))
    document.querySelector('#create-type-form')!.dispatchEvent(new Event('submit', { cancelable: true }))
    await flushPromises()
    expect(submitted).toHaveLength(1)
    expect(submitted[0]?.flags).toMatchObject({ isStagesEnabled: true, isAutomationEnabled: true, isSourceEnabled: true, isCategoriesEnabled: false, isSetOpenPermissions: true })
  })
})
