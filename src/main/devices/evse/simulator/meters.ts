/**
 * The charger's two meters as the WebAPI shows them: the document's register
 * map, values from the simulated charger, and acquisition errors that can be
 * injected (the register goes Not available and its counter climbs).
 */
import type { SimCharger } from './charger'

export class MeterSim {
  /** while set, every read of the meter fails: counters climb, data goes stale */
  failing = false
  private errorCount = 0

  /** Meter1Status / Meter2Status */
  get errors(): number {
    return this.errorCount
  }

  fail(on: boolean): void {
    this.failing = on
  }

  /** one acquisition by the charger */
  acquire(): void {
    if (this.failing) this.errorCount++
  }
}

const REGISTERS: { key: string; desc: string; value: (c: SimCharger) => number }[] = [
  { key: '0x04_0x0034', desc: 'TotalSystemPower[W]', value: (c) => c.powerW },
  { key: '0x04_0x0048', desc: 'TotalImport[kWh]', value: (c) => c.importKWh },
  { key: '0x04_0x004a', desc: 'TotalExport[kWh]', value: () => 0 },
  { key: '0x04_0x0156', desc: 'Total[kWh]', value: (c) => c.importKWh },
  { key: '0x04_0x0180', desc: 'ResettableTotalActiveEnergy[kWh]', value: (c) => c.importKWh },
  { key: '0x04_0x0184', desc: 'ResettableImportActiveEnergy[kWh]', value: (c) => c.importKWh },
  { key: '0x04_0x0186', desc: 'ResettableExportActiveEnergy[kWh]', value: () => 0 },
  { key: '0x04_0x0500', desc: 'TotalImportActivePower[W]', value: (c) => c.powerW },
  { key: '0x04_0x0502', desc: 'TotalExportActivePower[W]', value: () => 0 },
]

/** `fitted`: the meter's type is not 0 (none); a meter that is not there has no current data */
export function meterBody(meter: MeterSim, charger: SimCharger, spaceKeys: boolean, fitted: boolean): Record<string, unknown> {
  meter.acquire()
  const fresh = fitted && !meter.failing
  const data: Record<string, unknown> = {}
  for (const r of REGISTERS) {
    data[spaceKeys ? r.key.replace('_', ' ') : r.key] = {
      Desc: r.desc,
      ErrCounter: meter.errors,
      Value: fresh ? r.value(charger) : 0,
      DataStatus: fresh ? 'Valid' : 'Not available',
    }
  }
  return { TimeStamp: charger.uptimeMs, ModbusData: data }
}
