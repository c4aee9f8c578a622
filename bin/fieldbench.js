#!/usr/bin/env node
// The CLI is built with the app (npm run build) into out/main/cli.js. On a
// Node too old for it, the same command runs again under the provisioned Node.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { reexecIfTooOld } from '../scripts/node-runtime.mjs'

await reexecIfTooOld()
const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url))
if (!existsSync(cli)) {
  process.stderr.write('fieldbench: run `npm run build` first (out/main/cli.js is missing)\n')
  process.exit(2)
}
await import(cli)
