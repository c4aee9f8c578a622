import { expect, expectNoConsoleErrors, test } from './fixtures'

test('external links never navigate the app: they go through the vetted opener', async ({ app }) => {
  const { page } = app
  await page.getByTestId('first-run-hardware').click()
  await page.locator('[data-nav=about]').click()
  const before = page.url()
  const pages = page.context().pages().length
  await page.getByTestId('docs-link').click()
  await expect(page.getByTestId('about')).toBeVisible()
  expect(page.url()).toBe(before)
  expect(page.context().pages()).toHaveLength(pages)
  expectNoConsoleErrors(app)
})

test('navigation away and window.open are denied (desktop app)', async ({ app }) => {
  test.skip(app.variant !== 'electron', 'Electron enforces these in the window; browser mode runs in the user’s own browser, where the bridge checks below apply instead')
  const { page, electron } = app
  const start = page.url()
  const opened = await page.evaluate(() => window.open('https://example.com/') === null)
  expect(opened).toBe(true)
  expect(electron!.windows()).toHaveLength(1)
  await page.evaluate(() => {
    window.location.href = 'https://example.com/'
  })
  await expect(page.locator('[data-testid=app-ready]')).toBeVisible()
  expect(page.url()).toBe(start)
})

test('the page runs no injected inline script and reaches no other origin (CSP)', async ({ app }) => {
  const { page } = app
  const result = await page.evaluate(async () => {
    const violations: string[] = []
    const expected = ['connect-src', 'img-src', 'script-src-elem']
    // resolves once each blocked load has been reported (the reports are queued as events)
    const allReported = new Promise<void>((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => {
        violations.push(e.effectiveDirective)
        if (expected.every((d) => violations.includes(d))) resolve()
      })
    })
    const script = document.createElement('script')
    script.textContent = 'window.__injected = true'
    document.body.appendChild(script)
    const img = document.createElement('img')
    img.src = 'https://example.invalid/pixel.png'
    document.body.appendChild(img)
    const fetched = await fetch('https://example.invalid/x').then(
      () => 'reached',
      () => 'blocked',
    )
    await Promise.race([allReported, new Promise((r) => setTimeout(r, 5000))])
    return { injected: (window as unknown as { __injected?: boolean }).__injected === true, fetched, violations: [...new Set(violations)].sort() }
  })
  expect(result).toEqual({ injected: false, fetched: 'blocked', violations: ['connect-src', 'img-src', 'script-src-elem'] })
})

test('the bridge refuses a WebSocket without the launch token (browser mode)', async ({ app }) => {
  test.skip(app.variant !== 'browser', 'the desktop app has no WebSocket bridge')
  const { page } = app
  const code = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`ws://${location.host}/bridge`)
        ws.onopen = () => ws.send(JSON.stringify({ t: 'hello', token: 'guessed-token' }))
        ws.onclose = (event) => resolve(event.code)
      }),
  )
  expect(code).toBe(4401)
})

test('an address opened without its token says what to do instead of showing a broken app', async ({ app }) => {
  test.skip(app.variant !== 'browser', 'only browser mode has a launch token')
  const context = await app.page.context().browser()!.newContext()
  const page = await context.newPage()
  await page.goto(app.server!.url)
  await expect(page.locator('[data-state=unauthorized]')).toContainText('#token=')
  await context.close()
})

test('the page sees no Node, and in the desktop app exactly one bridge object with one method per operation', async ({ app }) => {
  const { page } = app
  const surface = await page.evaluate(() => ({
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    bridge: window.fieldbench ? Object.keys(window.fieldbench).sort() : null,
  }))
  expect(surface.require).toBe('undefined')
  expect(surface.process).toBe('undefined')
  if (app.variant === 'electron') {
    const { invokeMethods, eventMethods } = await import('../src/shared/contract/channels')
    expect(surface.bridge).toEqual([...Object.keys(invokeMethods), ...Object.keys(eventMethods)].sort())
  } else {
    expect(surface.bridge).toBeNull()
  }
})
