import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { chooseDemo, expect } from './fixtures'

export const LANGUAGES = ['en', 'zh', 'pl'] as const
export type UiLanguage = (typeof LANGUAGES)[number]

/** The smallest screen the app is used on: what an installer must see without scrolling is judged at this size. */
export const LAPTOP = { width: 1366, height: 768 } as const

export interface LaptopScreens {
  /** The window at laptop size, demo mode chosen, the UI in `language`; the shots folder made. */
  laptop(page: Page, language: UiLanguage): Promise<void>
  /** `<folder>/<name>-<language>.png`, or `<folder>/<name>.png` without a language. */
  shot(page: Page, name: string, language?: UiLanguage): Promise<Buffer>
  /**
   * The job footer whole on screen with a next action (and in `phase`, if given), what the job
   * waits on in view too, then a shot named `name`.
   */
  onScreen(page: Page, name: string, phase?: string): Promise<void>
}

/** The laptop helpers writing their screenshots to `folder`, for someone to look at after the run. */
export function laptopScreens(folder: string): LaptopScreens {
  const shot = (page: Page, name: string, language?: UiLanguage) => {
    mkdirSync(folder, { recursive: true })
    return page.screenshot({ path: join(folder, language ? `${name}-${language}.png` : `${name}.png`) })
  }
  return {
    async laptop(page, language) {
      await page.setViewportSize(LAPTOP)
      await chooseDemo(page)
      if (language !== 'en') {
        await page.getByTestId('language-select').selectOption(language)
        await expect(page.locator(`.shell[data-language=${language}]`)).toBeVisible()
      }
      mkdirSync(folder, { recursive: true })
    },
    shot,
    async onScreen(page, name, phase) {
      const footer = page.getByTestId('job-footer')
      if (phase) await expect(footer).toHaveAttribute('data-phase', phase)
      await expect(footer).toBeInViewport({ ratio: 1 })
      await expect(footer.getByTestId('job-next')).not.toBeEmpty()
      const next = page.locator('[data-next-action]')
      if ((await next.count()) > 0) await expect(next.first()).toBeInViewport()
      await shot(page, name)
    },
  }
}
