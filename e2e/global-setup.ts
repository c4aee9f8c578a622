import { electronBinary, ELECTRON_SKIP } from './fixtures'

/** Says once, up front, why the electron project's tests show as skipped on machines without the binary. */
export default function globalSetup(): void {
  if (!electronBinary()) console.log(`\n[e2e] ${ELECTRON_SKIP}.\n`)
}
