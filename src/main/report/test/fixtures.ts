/**
 * One record of each job, written through the record store the way each job
 * writes it (step keys, measurement keys, raw values, notes and exchanges as
 * the flows record them), for the report tests and screenshots.
 */
import type { JsonValue, Measurement, StepVerdict } from '@shared/contract'
import { Redactor } from '../../log/redact'
import { RecordStore } from '../../store/records'

/** 2026-06-15 08:00 UTC: 10:00 in Warsaw, 16:00 in Shanghai */
export const T0 = Date.UTC(2026, 5, 15, 8, 0, 0)

interface StepSpec {
  key: string
  inputs?: Record<string, JsonValue>
  verdict: StepVerdict
  note?: string | null
  measurements?: Measurement[]
  exchanges?: { direction: 'tx' | 'rx' | 'request' | 'response'; channel: string; data: string }[]
}

function write(store: RecordStore, base: Parameters<RecordStore['create']>[0], steps: StepSpec[], verdict: 'pass' | 'fail'): number {
  const record = store.create(base)
  let ts = T0
  for (const s of steps) {
    const stepId = store.startStep(record.id, s.key, s.inputs ?? {})
    for (const x of s.exchanges ?? []) store.addExchange(record.id, { stepId, ...x, ts: (ts += 40) })
    store.finishStep(stepId, { verdict: s.verdict, note: s.note ?? null, measurements: s.measurements ?? [] })
  }
  store.finish(record.id, verdict)
  return record.id
}

const frames = (n: number, slot: number) =>
  Array.from({ length: n }, (_, i) => [
    { direction: 'tx' as const, channel: 'serial:/dev/ttyUSB0', data: `AA0110330${slot}0000${String(i).padStart(4, '0')}C3D1` },
    { direction: 'rx' as const, channel: 'serial:/dev/ttyUSB0', data: `AA0190330${slot}01000000${String(i).padStart(4, '0')}9E2B` },
  ]).flat()

export function cabinetRecord(store: RecordStore): number {
  const slots = [1, 2, 3, 4, 5, 6, 7, 8]
  return write(
    store,
    { jobType: 'cabinetTest', site: 'Line 2, Wrocław plant', customer: 'EcoSwap Sp. z o.o.', deviceSerial: 'CAB-2026-00417', operator: 'Anna Kowalska', deviceIds: { port: '/dev/ttyUSB0' }, meta: { firmware: '5061', relaysOffMethod: null } },
    [
      { key: 'connect', verdict: 'pass', measurements: [{ key: 'answerTime', value: 38, unit: 'ms', max: 500, verdict: 'pass' }], exchanges: frames(2, 0) },
      { key: 'safety', verdict: 'pass', measurements: [{ key: 'safetyConfirmed', value: true, verdict: 'pass' }] },
      { key: 'locksOpen', verdict: 'pass', measurements: slots.map((n) => ({ key: `lockOpened${n}`, value: true, verdict: 'pass' as const })), exchanges: frames(80, 1) },
      { key: 'doorsClose', verdict: 'pass', measurements: slots.map((n) => ({ key: `doorClosed${n}`, value: true, verdict: 'pass' as const })), exchanges: frames(80, 2) },
      { key: 'relaysOn', verdict: 'pass', measurements: slots.map((n) => ({ key: `relayOn${n}`, value: 498 + n, unit: 'mA', min: 300, verdict: 'pass' as const })), exchanges: frames(60, 3) },
      { key: 'fan', verdict: 'pass', measurements: [{ key: 'airflow', value: true, verdict: 'pass' }] },
      {
        key: 'currents',
        verdict: 'fail',
        note: 'currentOutOfBand',
        measurements: [...slots, 9].map((n) => ({ key: `current${n}`, value: n === 6 ? 12 : n === 9 ? 4012 : 503, unit: 'mA', min: n === 9 ? 3600 : 400, max: n === 9 ? 4800 : 600, verdict: n === 6 ? ('fail' as const) : ('pass' as const) })),
        exchanges: frames(50, 4),
      },
      {
        key: 'readings',
        verdict: 'pass',
        measurements: [
          { key: 'voltage', value: 229.4, unit: 'V', min: 207, max: 253, verdict: 'pass' },
          { key: 'activePower', value: 918, unit: 'W', min: 700, max: 1100, verdict: 'pass' },
          { key: 'internalTemperature', value: 31.5, unit: '°C', max: 60, verdict: 'pass' },
        ],
        exchanges: frames(30, 5),
      },
      { key: 'relaysOff', verdict: 'pass', note: 'relaysOffAll', measurements: slots.map((n) => ({ key: `relayOff${n}`, value: 0, unit: 'mA', max: 50, verdict: 'pass' as const })), exchanges: frames(30, 6) },
      { key: 'locksRestore', verdict: 'pass', measurements: slots.map((n) => ({ key: `lockClosed${n}`, value: true, verdict: 'pass' as const })), exchanges: frames(2, 7) },
    ],
    'fail',
  )
}

export function linkCheckRecord(store: RecordStore): number {
  return write(
    store,
    { jobType: 'linkCheck', site: 'Service van 3', customer: 'Internal', deviceSerial: 'FTDI-A10K2', operator: 'Li Wei', deviceIds: { port: '/dev/ttyUSB1' }, meta: { baudRate: 115200 } },
    [
      { key: 'open', verdict: 'pass' },
      {
        key: 'echo',
        verdict: 'pass',
        measurements: [
          { key: 'patternAlternating', value: true, verdict: 'pass' },
          { key: 'patternAllBytes', value: true, verdict: 'pass' },
          { key: 'roundTripMedian', value: 4.2, unit: 'ms', max: 50, verdict: 'pass' },
        ],
        exchanges: [
          { direction: 'tx', channel: 'serial:/dev/ttyUSB1', data: '55AA55AA55AA' },
          { direction: 'rx', channel: 'serial:/dev/ttyUSB1', data: '55AA55AA55AA' },
        ],
      },
      { key: 'throughput', verdict: 'pass', measurements: [{ key: 'echoRate', value: 11210, unit: 'B/s', min: 8064, max: 11520, verdict: 'pass' }] },
      { key: 'close', verdict: 'pass' },
    ],
    'pass',
  )
}

const http = (path: string, body: string) => [
  { direction: 'request' as const, channel: `http:POST ${path}`, data: '{"sn":"60H3103A12345601"}' },
  { direction: 'response' as const, channel: `http:POST ${path}`, data: body },
]

const ctRun = (attempt: number, phases: [string, boolean][]): StepSpec[] => [
  {
    key: 'preconditions',
    inputs: { attempt },
    verdict: 'pass',
    measurements: [
      { key: 'deviceStatus', value: '2', verdict: 'pass' },
      { key: 'bmsCommunication', value: '0', verdict: 'pass' },
      { key: 'meterConnected', value: '1 / 1', verdict: 'pass' },
      { key: 'notChecking', value: '0', verdict: 'pass' },
    ],
    exchanges: http('/op/v0/device/ct/status', '{"errno":0,"result":{"deviceStatus":2,"faultArmFlag2":0,"meterStatus":1,"meterConnected":1,"checking":0}}'),
  },
  { key: 'start', inputs: { attempt }, verdict: 'pass', measurements: [{ key: 'previousResult', value: attempt === 1 ? 'none' : 'abnormal' }] },
  {
    key: 'result',
    inputs: { attempt },
    verdict: phases.every(([m, ok], i) => m === 'ABC'[i] && ok) ? 'pass' : 'fail',
    note: phases.every(([m, ok], i) => m === 'ABC'[i] && ok) ? 'normal' : 'abnormal',
    measurements: [
      { key: 'polls', value: 2 },
      { key: 'elapsed', value: 20, unit: 's' },
      { key: 'bits', value: '1 0 1 0' },
      { key: 'meterStatus', value: 1549 },
      { key: 'phaseFlag', value: '4097' },
      ...phases.flatMap(([measured, ok], i) => [
        { key: `phase${i + 1}`, value: `${'ABC'[i]} → ${measured}`, verdict: measured === 'ABC'[i] ? ('pass' as const) : ('fail' as const) },
        { key: `sensor${i + 1}`, value: ok, verdict: ok ? ('pass' as const) : ('fail' as const) },
      ]),
    ],
    exchanges: http('/op/v0/device/ct/result', '{"errno":0,"result":{"bit0":1,"bit1":0,"bit2":1,"bit3":0,"meterStatus":1549}}'),
  },
]

export function ctRecord(store: RecordStore): number {
  return write(
    store,
    { jobType: 'ctDetection', site: 'Kowalski house, Kraków', customer: 'Jan Kowalski', deviceSerial: '60H3103A12345601', operator: 'Piotr Nowak', deviceIds: { sn: '60H3103A12345601' }, meta: { system: 'threePhaseSingle' } },
    [
      { key: 'applicability', verdict: 'pass', inputs: { suggested: 'threePhaseSingle' }, measurements: [{ key: 'system', value: 'threePhaseSingle' }] },
      ...ctRun(1, [['B', true], ['A', true], ['C', false]]),
      ...ctRun(2, [['A', true], ['B', true], ['C', true]]),
    ],
    'pass',
  )
}

export function commissioningRecord(store: RecordStore): number {
  return write(
    store,
    {
      jobType: 'inverterCommissioning',
      site: 'Solar farm Zielona Góra',
      customer: 'Green Watt S.A.',
      deviceSerial: '60H3103A12345601',
      operator: 'Marta Zając',
      deviceIds: { sn: '60H3103A12345601', stationID: 'st-0042' },
      meta: { deviceType: 'H3-10.0-E', productType: 'H3', timezone: 'Europe/Warsaw' },
    },
    [
      {
        key: 'device',
        verdict: 'pass',
        measurements: [
          { key: 'deviceStatus', value: 1, verdict: 'pass' },
          { key: 'deviceType', value: 'H3-10.0-E' },
          { key: 'masterVersion', value: '1.42' },
          { key: 'slaveVersion', value: '1.08' },
          { key: 'managerVersion', value: '1.50' },
          { key: 'loggerSignal', value: 72, unit: '%' },
          { key: 'loggerOnline', value: true, verdict: 'pass' },
        ],
        exchanges: http('/op/v0/device/detail', '{"errno":0,"result":{"deviceSN":"60H3103A12345601","status":1,"masterVersion":"1.42"}}'),
      },
      { key: 'applicability', verdict: 'pass', inputs: { suggested: 'threePhaseSingle' }, measurements: [{ key: 'system', value: 'threePhaseSingle' }] },
      ...ctRun(1, [['B', true], ['A', true], ['C', false]]),
      ...ctRun(2, [['A', true], ['B', true], ['C', true]]),
      { key: 'ctDetection', inputs: { system: 'threePhaseSingle' }, verdict: 'pass', note: 'normal', measurements: [{ key: 'attempts', value: 2 }, { key: 'outcome', value: 'normal', verdict: 'pass' }] },
      {
        key: 'settings',
        verdict: 'fail',
        note: 'settingsNotApplied',
        measurements: [
          { key: 'minSoc', before: 10, value: 15, unit: '%', verdict: 'pass' },
          { key: 'exportLimit', before: 6000, value: 6000, target: 8000, verdict: 'fail' },
          { key: 'forceCharge', before: '— · —', value: '—', target: '02:00–05:00 · —', verdict: 'fail' },
        ],
      },
      { key: 'clock', verdict: 'pass', measurements: [{ key: 'clockDrift', value: 3, unit: 's', min: -60, max: 60, verdict: 'pass' }] },
      {
        key: 'liveData',
        verdict: 'fail',
        note: 'PV string 2 reads 0 W in full sun',
        measurements: [
          { key: 'samples', value: 3 },
          { key: 'runningState', value: '163', verdict: 'pass' },
          { key: 'faultCount', value: 1, max: 0, verdict: 'fail' },
          { key: 'fault1', value: 1, verdict: 'fail' },
          { key: 'dataAge', value: 42, unit: 's', max: 600, verdict: 'pass' },
          { key: 'pvPower', value: 6.42, unit: 'kW' },
          { key: 'gridConsumptionPower', value: 0.12, unit: 'kW' },
          { key: 'plausible', value: false, verdict: 'fail' },
        ],
        exchanges: http('/op/v0/device/real/query', '{"errno":0,"result":[{"datas":[{"variable":"runningState","value":163},{"variable":"gridConsumptionPower","value":0.12}]}]}'),
      },
      { key: 'report', verdict: 'fail', note: 'reportReady', measurements: [{ key: 'stepsPassed', value: 4 }, { key: 'stepsFailed', value: 1, max: 0, verdict: 'fail' }] },
    ],
    'fail',
  )
}

/** An EV charger set up on site: two fields changed, a test charge that followed the power limit. */
export function evseSetupRecord(store: RecordStore): number {
  const http = (path: string, request: string, answer: string) => [
    { direction: 'request' as const, channel: `http:POST /webapi/v1/${path}`, data: request },
    { direction: 'response' as const, channel: `http:POST /webapi/v1/${path}`, data: answer },
  ]
  const points = Array.from({ length: 40 }, (_, i) => [i, i < 2 ? 8 : i < 12 ? 16 : i < 20 ? 24 : i < 26 ? 16 : i < 34 ? 9 : 0, 0, i * 2.4])
  for (const p of points) p[2] = p[1]! * 690
  return write(
    store,
    {
      jobType: 'evseSetup',
      site: 'Car park B, Gdańsk',
      customer: 'Parking Bałtyk',
      deviceSerial: 'E0:E2:E6:52:AA:D4',
      operator: 'Piotr Nowak',
      deviceIds: { charger: '192.168.0.17', mac: 'E0:E2:E6:52:AA:D4' },
      meta: { productType: '01100200', firmware: '0.9.2', testCharge: { start: T0, points } },
    },
    [
      {
        key: 'identify',
        verdict: 'pass',
        measurements: [
          { key: 'productType', value: '01100200' },
          { key: 'firmware', value: '0.9.2' },
          { key: 'mac', value: 'E0:E2:E6:52:AA:D4' },
          { key: 'wifiSignal', value: 68, unit: '%' },
          { key: 'chargerState', value: 4, verdict: 'pass' },
        ],
        exchanges: http('SystemInfo', '{"UpdateCheckToggle":true}', '{"UpdateCheckToggle":"Performing"}'),
      },
      { key: 'backup', verdict: 'pass', measurements: [{ key: 'chargerMode', value: 0 }, { key: 'chargeCurrent', value: 16 }, { key: 'meter1Type', value: 1 }, { key: 'controlStrategy', value: 0 }] },
      {
        key: 'configure',
        verdict: 'pass',
        measurements: [
          { key: 'chargeCurrentBoost', before: 32, value: 24, verdict: 'pass' },
          { key: 'controlStrategy', before: 0, value: 1, verdict: 'pass' },
        ],
        exchanges: http('SystemConfig', '{"ChargeCurrentBoost":24,"ControlStrategy":1}', '{"SystemConfig":"Saved"}'),
      },
      {
        key: 'testCharge',
        verdict: 'pass',
        measurements: [
          { key: 'started', value: 'confirmed', verdict: 'pass' },
          { key: 'chargingCurrent', value: 16, unit: 'A', min: 6, verdict: 'pass' },
          { key: 'powerLimitW', value: 6624, unit: 'W', verdict: 'info' },
          { key: 'limitResponse', value: 1.2, unit: 's', max: 10, verdict: 'pass' },
          { key: 'stopped', value: 'confirmed', verdict: 'pass' },
          { key: 'energyDelivered', value: 80.1, unit: 'Wh', verdict: 'info' },
          { key: 'meterImport', value: 80.1, unit: 'Wh', min: 76.1, max: 84.1, verdict: 'pass' },
          { key: 'meterErrors1', value: 0, max: 0, verdict: 'pass' },
        ],
        exchanges: http('EvseCtrl', '{"ChargeStartToggle":true}', '{"ChargeStartToggle":"Performing"}'),
      },
      { key: 'verdict', verdict: 'info', note: 'readyToHandOver', measurements: [{ key: 'stepsPassed', value: 4 }, { key: 'stepsFailed', value: 0, max: 0, verdict: 'pass' }] },
    ],
    'pass',
  )
}

export const REPORT_FIXTURES = { cabinetTest: cabinetRecord, linkCheck: linkCheckRecord, ctDetection: ctRecord, inverterCommissioning: commissioningRecord, evseSetup: evseSetupRecord }

export const newStore = () => new RecordStore(':memory:', new Redactor())
