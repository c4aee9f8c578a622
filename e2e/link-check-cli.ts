import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import { type AppHandle, ROOT } from './fixtures'

const CLI = join(ROOT, 'out/main/cli.js')

/** Starts `fieldbench link-check` on the app's own data folder and kills it (SIGKILL) while its echo step runs: a crash mid-job. */
export async function crashMidJob(app: AppHandle, port: string): Promise<void> {
  const child = spawn(process.execPath, [CLI, 'link-check', '--port', port, '--baud', '9600', '--label', 'CRASH-1', '--json', '--data-dir', app.userData], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  await new Promise<void>((resolve, reject) => {
    let buffer = ''
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString()
      if (buffer.includes('"event":"running","recordId":1,"step":"echo"')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`link-check ended on its own (${code})`)))
  })
  child.removeAllListeners('exit')
  const gone = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGKILL')
  await gone
}

/** Plays a loopback plug on the far end of the line; resolves once it is listening (a plug is on before the job resumes). */
export async function loopbackOn(devicePath: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, 'sim', 'loopback', '--port', devicePath, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('"event":"ready"')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`sim exited (${code})`)))
  })
  child.removeAllListeners('exit')
  return child
}
