/**
 * Browser mode (`npm run web`): the same core as the Electron app, in plain
 * Node, serving the built renderer on 127.0.0.1 and the contract over a
 * token-guarded WebSocket.
 */
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createCore } from './core/core'
import { nodePlatform } from './core/node-platform'
import { osOpen } from './core/os-open'
import { defaultDataDir } from './core/paths'
import { startWebServer } from './transport/web/server'

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    'data-dir': { type: 'string' },
    'allow-remote': { type: 'boolean', default: false },
    open: { type: 'boolean', default: false },
    demo: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
})

const dataDir = values['data-dir'] ?? defaultDataDir()
const core = await createCore({
  ...nodePlatform('web', dataDir),
  logEcho: values.verbose,
  portPollMs: Number(process.env.FIELDBENCH_PORT_POLL_MS ?? 1000),
})
if (values.demo) await core.handlers.startDemo(undefined)

let server
try {
  server = await startWebServer(core, {
    rendererDir: join(import.meta.dirname, '../renderer'),
    host: values.host,
    port: Number(values.port),
    allowRemote: values['allow-remote'],
  })
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`)
  await core.dispose()
  process.exit(2)
}

const openUrl = `${server.url}#token=${server.token}`
// one machine-readable line first (e2e fixtures and scripts read it), then one for people
process.stdout.write(`${JSON.stringify({ event: 'ready', url: server.url, token: server.token, dataDir })}\n`)
process.stdout.write(`Fieldbench is running in browser mode. Open:\n  ${openUrl}\n`)
if (values.open) await osOpen(openUrl)

let stopping = false
const stop = async () => {
  if (stopping) return
  stopping = true
  await server.close()
  await core.dispose()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
