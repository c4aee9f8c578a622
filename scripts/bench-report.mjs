#!/usr/bin/env node
/**
 * Merges the sections in bench/.out/*.json into bench/results.md (the others
 * stay) and prints the file. The merged figures are then removed, so a later
 * run of one bench file does not bring back an older run's.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { mergeResults } from './bench-results.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dir = join(root, 'bench/.out')
const file = join(root, 'bench/results.md')
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : []
if (!files.length) {
  console.error('no figures: run the bench files first')
  process.exit(1)
}
const ran = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')))
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, ${process.platform}`
const text = mergeResults(existsSync(file) ? readFileSync(file, 'utf8') : null, ran, machine)
writeFileSync(file, text)
for (const f of files) rmSync(join(dir, f))
console.log(text)
