/**
 * UPS protocol files: load and lint time of the maker's seed file (flattened,
 * UTF-8) and of a generated multi-line file with 10,000 values, in UTF-8 and
 * in GBK (decode included: the editor re-reads the text as the user types).
 */
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { resolve } from 'node:path'
import { it } from 'vitest'
import { decodeIni, encodeGbk } from '../src/shared/devices/ups/encoding'
import { overlay } from '../src/shared/devices/ups/inspect'
import { loadProtocol } from '../src/shared/devices/ups/lint'
import { type Figure, percentile, recordFigures } from './lib'

const SEED = resolve(import.meta.dirname, '../docs/devices/ups-rs232-protocol.zh.ini')

/** 10,000 values in 40 commands of 250 words each; every fifth a run of status bits sharing a word. */
function generated(count: number): string {
  const lines = ['; generated for the bench', '[CMD]', `cmd-count=${count}`]
  for (let n = 1; n <= count; n++) {
    if (n % 250 === 1) lines.push(`;第${Math.ceil(n / 250)}组`)
    lines.push(`cmd-${n}=数值${n}电压`)
  }
  for (let n = 1; n <= count; n++) {
    const slot = (n - 1) % 250
    const bits = slot % 5 === 4
    lines.push(`;数值${n}`, `[cmd-${n}]`, `SendCmd=${(Math.floor((n - 1) / 250) + 1).toString(16).padStart(2, '0')}`, `Index=${slot * 4}`, 'Len=4')
    if (bits) lines.push('Sbit=3', 'Ebit=3')
    lines.push('type=WORD')
  }
  return `${lines.join('\r\n')}\r\n`
}

/** Wall time, and CPU time of this process, which a machine shared with other work distorts less. */
function time(runs: number, fn: () => unknown): { median: number; p95: number; cpu: number } {
  fn()
  const samples: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    fn()
    samples.push(performance.now() - t0)
    const c = process.cpuUsage(c0)
    cpu.push((c.user + c.system) / 1000)
  }
  return { median: percentile(samples, 50), p95: percentile(samples, 95), cpu: percentile(cpu, 50) }
}

it('UPS protocol files: load and lint', () => {
  const seed = new Uint8Array(readFileSync(SEED))
  const big = generated(10_000)
  const bigUtf8 = new TextEncoder().encode(big)
  const bigGbk = encodeGbk(big)
  const check = loadProtocol(decodeIni(bigGbk).text)
  if (check.protocol.values.length !== 10_000 || check.findings.length) throw new Error('the generated file should load clean with 10,000 values')
  const seedTime = time(200, () => loadProtocol(decodeIni(seed).text))
  const bigTime = time(20, () => loadProtocol(decodeIni(bigUtf8).text))
  const bigGbkTime = time(20, () => loadProtocol(decodeIni(bigGbk).text))
  const load = `load average ${loadavg()[0]!.toFixed(1)} on this machine while measured`
  const figures: Figure[] = [
    { name: `seed file (121 values, flattened, ${seed.length} B): decode + load + lint, wall — median of 200`, value: seedTime.median, unit: 'ms', note: load },
    { name: 'seed file, wall p95', value: seedTime.p95, unit: 'ms' },
    { name: 'seed file, CPU time — median', value: seedTime.cpu, unit: 'ms' },
    { name: `generated file, 10,000 values (${bigUtf8.length} B, UTF-8, CR LF): decode + load + lint, wall — median of 20`, value: bigTime.median, unit: 'ms' },
    { name: 'same, wall p95', value: bigTime.p95, unit: 'ms' },
    { name: 'same, CPU time — median', value: bigTime.cpu, unit: 'ms' },
    { name: `same file in GBK (${bigGbk.length} B; UTF-8 tried first, then GBK), wall — median of 20`, value: bigGbkTime.median, unit: 'ms' },
    { name: 'same in GBK, CPU time — median', value: bigGbkTime.cpu, unit: 'ms' },
  ]
  recordFigures('ups-protocol-files', figures)
})

/** The seed's mistake at scale: 10,000 values on one placeholder place (every status bit at bit 0). */
function placeholder(count: number): string {
  const lines = ['; generated for the bench', '[CMD]', `cmd-count=${count}`, ';占位']
  for (let n = 1; n <= count; n++) lines.push(`cmd-${n}=数值${n}电压`)
  for (let n = 1; n <= count; n++) {
    lines.push(`[cmd-${n}]`, 'SendCmd=01', 'Index=13', 'Len=4')
    if (n % 5 === 0) lines.push('Sbit=0', 'Ebit=0')
    lines.push('type=WORD')
  }
  return `${lines.join('\r\n')}\r\n`
}

it('UPS protocol editor: live lint and the answer inspector at 10,000 values', () => {
  const text = placeholder(10_000)
  const bytes = new TextEncoder().encode(text)
  const check = loadProtocol(text)
  if (!check.findings.some((f) => f.code === 'placeholder' && f.params.count === 10_000)) throw new Error('the generated file should be one placeholder of 10,000 values')
  const lintTime = time(20, () => loadProtocol(decodeIni(bytes).text))
  const reply = new Uint8Array(1 + 1000 + 1).fill(0x30)
  reply[0] = 0x7e
  reply[reply.length - 1] = 0x0d
  const shape = { prefixLength: 1, terminator: new Uint8Array([0x0d]), data: 'ascii-hex' as const, byteOrder: 'big' as const }
  const overlayTime = time(20, () => overlay(check.protocol.values, { command: 1, bytes: reply }, shape))
  const { protocol: clean } = loadProtocol(generated(10_000))
  const cleanOverlay = time(20, () => overlay(clean.values, { command: 1, bytes: reply }, shape))
  recordFigures('ups-protocol-editor', [
    { name: `placeholder file, 10,000 values at one place (${bytes.length} B, UTF-8, CR LF): decode + load + lint, wall — median of 20`, value: lintTime.median, unit: 'ms', note: `load average ${loadavg()[0]!.toFixed(1)} on this machine while measured` },
    { name: 'same, CPU time — median (each value was copied into its run before: quadratic)', value: lintTime.cpu, unit: 'ms' },
    { name: 'answer inspector: a 1,002-byte reply under those 10,000 overlapping values, CPU time — median of 20', value: overlayTime.cpu, unit: 'ms' },
    { name: 'answer inspector: a 1,002-byte reply under the clean file’s 250 values of that command, CPU time — median of 20', value: cleanOverlay.cpu, unit: 'ms' },
  ])
})
