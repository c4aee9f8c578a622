/**
 * The hands at demo mode's simulated chargers: plug or unplug the EV, the EV
 * asking to charge or not, charger faults, meter errors, and answers that go
 * wrong (late, never, HTTP 500, broken JSON, a write answered 200 and not
 * applied). Demo mode only: a charger on the LAN is never touched from here.
 */
import { AppError, type EvseDemoAnswerFault, type EvseDemoCharger } from '@shared/contract'
import type { EvseDemoControl } from '@shared/contract/evse/evse-site.schemas'
import type { HttpFault } from '../../simulators/http'
import type { SimulatorRegistry } from '../../simulators/registry'
import { API, EvseSimulator } from './simulator'

/** how many of the next calls to each endpoint an answer fault spoils: enough to see, few enough to pass */
export const ANSWER_FAULT_CALLS = 3
/** a slow answer: later than the live poll's interval, well inside the client's timeout */
export const SLOW_ANSWER_MS = 3000
const ENDPOINTS = ['Status', 'SystemInfo', 'SystemConfig', 'Meter1', 'Meter2', 'EvseCtrl']

const ANSWER_FAULTS: Record<EvseDemoAnswerFault, HttpFault> = {
  slow: { kind: 'slow', ms: SLOW_ANSWER_MS },
  timeout: { kind: 'hang' },
  http500: { kind: 'status', status: 500, body: 'Internal Server Error' },
  brokenJson: { kind: 'brokenJson', body: '{"TimeStamp": 1826814, "SystemVersion": "0.9' },
}

/** each simulated charger's answer fault, while it lasts */
const played = new WeakMap<EvseSimulator, EvseDemoAnswerFault>()

export function demoChargers(simulators: SimulatorRegistry): EvseSimulator[] {
  return simulators
    .list('info')
    .filter((s) => s.device === 'evse' && s.running)
    .map((s) => simulators.instance(s.id))
    .filter((sim): sim is EvseSimulator => sim instanceof EvseSimulator)
}

export function demoView(sim: EvseSimulator): EvseDemoCharger {
  const c = sim.charger
  const host = new URL(sim.url).host
  const pending = sim.server.pendingFaults(`${API}/Status`)
  if (!pending) played.delete(sim)
  return {
    host,
    mac: sim.mac,
    plugged: c.plugged,
    evWantsCharge: c.evWantsCharge,
    fault: c.fault,
    meterFailing: [sim.meters[0].failing, sim.meters[1].failing],
    ignoredWrites: sim.ignoredWrites,
    answerFault: played.get(sim) ?? null,
  }
}

export function demoControl(sim: EvseSimulator, input: EvseDemoControl): void {
  const c = sim.charger
  switch (input.action) {
    case 'plug':
      return c.plug()
    case 'unplug':
      return c.unplug()
    case 'evAsks':
    case 'evStops':
      c.update()
      c.evWantsCharge = input.action === 'evAsks'
      return
    case 'fault':
      return sim.setFault(input.fault ?? null)
    case 'meterFault':
      return sim.meters[(input.meter ?? 1) - 1]!.fail(input.on ?? true)
    case 'answers': {
      if (!input.answers) throw new AppError('invalidInput', { field: 'answers', reason: 'required' })
      for (const endpoint of ENDPOINTS) sim.server.inject(`${API}/${endpoint}`, ANSWER_FAULTS[input.answers], ANSWER_FAULT_CALLS)
      played.set(sim, input.answers)
      return
    }
    case 'ignoreWrite':
      return sim.ignoreWrites(sim.ignoredWrites + 1)
    case 'clear':
      sim.setFault(null)
      sim.meters.forEach((m) => m.fail(false))
      sim.ignoreWrites(0)
      sim.server.clearFaults()
      played.delete(sim)
      return
  }
}
