import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { LanguageSelect } from './LanguageSelect'

const options = (html: string) => [...html.matchAll(/<option value="([^"]+)"( selected="")?>/g)].map((m) => ({ value: m[1], selected: Boolean(m[2]) }))

describe('LanguageSelect', () => {
  it('offers every UI language, the current one selected', () => {
    const html = renderToStaticMarkup(createElement(LanguageSelect, { value: 'zh', testId: 'language-select' }))
    expect(html).toContain('data-testid="language-select"')
    expect(options(html)).toEqual([
      { value: 'en', selected: false },
      { value: 'zh', selected: true },
      { value: 'pl', selected: false },
    ])
  })

  it('offers "as the system" first only where following the system is possible', async () => {
    const html = renderToStaticMarkup(createElement(LanguageSelect, { value: 'system', testId: 'settings-language', followSystem: async () => undefined }))
    expect(options(html)).toEqual([
      { value: 'system', selected: true },
      { value: 'en', selected: false },
      { value: 'zh', selected: false },
      { value: 'pl', selected: false },
    ])
  })
})
