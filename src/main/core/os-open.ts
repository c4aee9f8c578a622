import { spawn as nodeSpawn, type SpawnOptions } from 'node:child_process'
import { win32 } from 'node:path'
import { vetExternalUrl } from '../shell/policy'

export interface OpenerCommand {
  command: string
  args: string[]
}

/**
 * The program that opens a link with the OS's default handler, with the link
 * as one argument of its own. No shell is involved anywhere: `cmd /c start`
 * reads `& | ^ < >` as operators and expands `%NAME%` even inside a valid
 * URL (`%AB%20` names a variable), and no escaping of `%` is reliable on a
 * `cmd` command line, so on Windows `url.dll`'s handler is called directly
 * (rundll32, by full path so a copy in the working folder is never run).
 */
export function openerCommand(url: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): OpenerCommand {
  if (platform === 'win32') {
    const systemRoot = env.SystemRoot ?? env.SYSTEMROOT ?? 'C:\\Windows'
    return { command: win32.join(systemRoot, 'System32', 'rundll32.exe'), args: ['url.dll,FileProtocolHandler', url] }
  }
  if (platform === 'darwin') return { command: 'open', args: [url] }
  return { command: 'xdg-open', args: [url] }
}

export interface OsOpenOptions {
  env?: NodeJS.ProcessEnv
  platform?: NodeJS.Platform
  spawn?: (command: string, args: string[], options: SpawnOptions) => { on(event: 'error', listener: () => void): unknown; unref(): void }
}

/**
 * Opens a link with the OS's default handler (browser mode and the CLI have
 * no Electron `shell`). The link is vetted here too, whatever the caller
 * checked: it is refused with `externalLinkUnsafe` rather than altered.
 * `FIELDBENCH_OPENER=none` turns opening off, like `BROWSER=none` elsewhere,
 * for headless benches.
 */
export async function osOpen(url: string, options: OsOpenOptions = {}): Promise<void> {
  const vetted = vetExternalUrl(url)
  const env = options.env ?? process.env
  if (env.FIELDBENCH_OPENER === 'none') return
  const { command, args } = openerCommand(vetted, options.platform ?? process.platform, env)
  const spawn = options.spawn ?? nodeSpawn
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true, shell: false })
    // no opener installed (a bare server): the address is printed for people anyway
    child.on('error', () => undefined)
    child.unref()
  } catch {
    // same as above, when spawn refuses synchronously
  }
}
