import type { CabinetSample } from '@shared/contract'
import type { Clock } from '../../core/clock'

/** samples reach the UI in batches, never one message per reading */
const SAMPLE_BATCH_MS = 50

/** The chart's channel currents, held for one batch interval and sent together. */
export class SampleBatch {
  private samples: CabinetSample[] = []
  /** cancels the pending flush */
  private cancelFlush: (() => void) | null = null

  constructor(
    private readonly clock: Clock,
    private readonly send: (samples: CabinetSample[]) => void,
  ) {}

  push(step: string, currents: (number | null)[]): void {
    this.samples.push({ t: this.clock.now(), step, currents })
    if (!this.cancelFlush) this.cancelFlush = this.clock.timer(SAMPLE_BATCH_MS, () => this.flush())
  }

  flush(): void {
    this.cancelFlush?.()
    this.cancelFlush = null
    if (!this.samples.length) return
    const samples = this.samples
    this.samples = []
    this.send(samples)
  }
}
