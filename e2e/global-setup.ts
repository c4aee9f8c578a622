import { ensureBuilt } from '../scripts/build-state.mjs'
import { electronBinary, ELECTRON_SKIP, ROOT } from './fixtures'

/**
 * The specs run the built app: build it when out/ is missing or older than the
 * sources. Then say once, up front, why the electron project's tests show as
 * skipped on machines without the binary.
 */
export default function globalSetup(): void {
  ensureBuilt(ROOT)
  if (!electronBinary()) console.log(`\n[e2e] ${ELECTRON_SKIP}.\n`)
}
