import { spawn } from 'node:child_process'

/**
 * Opens an already vetted URL with the OS's default handler (browser mode and
 * the CLI have no Electron `shell`). `FIELDBENCH_OPENER=none` turns it off,
 * like `BROWSER=none` elsewhere, for headless benches.
 */
export function osOpen(url: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (env.FIELDBENCH_OPENER === 'none') return Promise.resolve()
  const [cmd, args] =
    process.platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]]
  return new Promise((resolve) => {
    try {
      const child = spawn(cmd, args, { stdio: 'ignore', detached: true, windowsHide: true })
      child.on('error', () => resolve())
      child.unref()
      resolve()
    } catch {
      resolve()
    }
  })
}
