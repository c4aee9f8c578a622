/**
 * The simulated installer account: plants in several time zones, hybrid and
 * grid-tied inverters, their data loggers, settings, and the CT scenario each
 * inverter plays. Serial numbers follow Fox ESS's look (16 characters).
 */
import type { FoxForceCharge, FoxSchedulerGroup } from '@shared/contract'

export const CtScenarios = [
  'normal',
  'wrongPhaseOrder',
  'reversedCt',
  'bmsAlarm',
  'meterMissing',
  'offline',
  'alreadyChecking',
  'slowToStart',
  'neverFinishes',
  'failsDuringCheck',
  'abnormalNoDetails',
] as const
export type CtScenario = (typeof CtScenarios)[number]

export interface SimPlant {
  stationID: string
  name: string
  timezone: string
  country: string
  countryCode: string
  city: string
  address: string
  postcode: string
  /** latitude, for the length of the day */
  latitude: number
  createDate: number
  user: { name: string; email: string; phone: string }
  installer: { name: string; email: string; phone: string }
}

export interface SimDeviceSpec {
  sn: string
  moduleSN: string
  stationID: string
  deviceType: string
  productType: string
  phases: 1 | 3
  hasBattery: boolean
  /** PV peak, kW */
  pvKw: number
  strings: number
  /** usable battery energy, kWh */
  batteryKwh: number
  batteryVolts: number
  /** battery charge/discharge limit, kW */
  batteryKw: number
  /** rated AC power, W (the export limit's range) */
  ratedW: number
  /** 1 online, 2 fault, 3 offline */
  status: 1 | 2 | 3
  versions: { manager: string; master: string; slave: string; afci: string; hardware: string }
  ct: CtScenario
  /** wrong wiring that the installer fixes: the next check after the first comes back normal */
  ctFixedOnRerun: boolean
  /** current faults as the device reports them */
  faults: string
  /** the device reports its clock with a two-digit year */
  twoDigitYear: boolean
  clockDriftSeconds: number
  /** supports `setting/get|set` (the document: H3, H1 since V1.0.7) */
  settings: boolean
  scheduler: boolean
  moduleSignal: number
  baseLoadKw: number
  /** cumulative generation when the simulation starts, kWh */
  generationBase: number
  seed: number
}

export interface SimSettings {
  minSoc: number
  minSocOnGrid: number
  maxSoc: number
  exportLimitW: number
  gridCode: string
  forceCharge: FoxForceCharge
  schedulerEnabled: boolean
  groups: FoxSchedulerGroup[]
}

export interface SimFleet {
  plants: SimPlant[]
  devices: SimDeviceSpec[]
}

const day = 24 * 3600 * 1000

const versions = (master: string) => ({ manager: '1.46', master, slave: '1.02', afci: '0.00', hardware: '1.00' })

const inverter = (spec: Partial<SimDeviceSpec> & Pick<SimDeviceSpec, 'sn' | 'stationID' | 'deviceType' | 'ct' | 'seed'>): SimDeviceSpec => ({
  moduleSN: `609W${spec.sn.slice(-8)}WF`,
  productType: spec.deviceType.split('-')[0]!,
  phases: 3,
  hasBattery: true,
  pvKw: 10,
  strings: 2,
  batteryKwh: 10.4,
  batteryVolts: 400,
  batteryKw: 6,
  ratedW: 10000,
  status: 1,
  versions: versions('1.52'),
  ctFixedOnRerun: false,
  faults: '',
  twoDigitYear: false,
  clockDriftSeconds: 0,
  settings: true,
  scheduler: true,
  moduleSignal: 78,
  baseLoadKw: 0.45,
  generationBase: 4210,
  ...spec,
})

/** The demo account: what a new user sees in demo mode, and what the tests run against; `now` is the simulator clock's. */
export function demoFleet(now: number): SimFleet {
  const plants: SimPlant[] = [
    {
      stationID: 'st-krk-0001',
      name: 'Kowalski — Kraków',
      timezone: 'Europe/Warsaw',
      country: 'Poland',
      countryCode: 'PL',
      city: 'Kraków',
      address: 'ul. Lipowa 12',
      postcode: '30-702',
      latitude: 50.06,
      createDate: now - 40 * day,
      user: { name: 'Jan Kowalski', email: 'jan.kowalski@example.pl', phone: '+48 600 100 200' },
      installer: { name: 'SolarMont sp. z o.o.', email: 'serwis@solarmont.example.pl', phone: '+48 12 300 40 50' },
    },
    {
      stationID: 'st-hzh-0002',
      name: '张宅 — 杭州',
      timezone: 'Asia/Shanghai',
      country: 'China',
      countryCode: 'CN',
      city: '杭州',
      address: '西湖区文三路 88 号',
      postcode: '310012',
      latitude: 30.27,
      createDate: now - 120 * day,
      user: { name: '张伟', email: 'zhang.wei@example.cn', phone: '+86 138 0000 1111' },
      installer: { name: '杭州光储工程', email: 'service@gcgc.example.cn', phone: '+86 571 8888 0000' },
    },
    {
      stationID: 'st-lds-0003',
      name: 'Smith — Leeds',
      timezone: 'Europe/London',
      country: 'United Kingdom',
      countryCode: 'GB',
      city: 'Leeds',
      address: '14 Park Lane',
      postcode: 'LS3 1AB',
      latitude: 53.8,
      createDate: now - 9 * day,
      user: { name: 'Emma Smith', email: 'emma.smith@example.co.uk', phone: '+44 7700 900123' },
      installer: { name: 'Northern Solar Ltd', email: 'jobs@northernsolar.example.co.uk', phone: '+44 113 496 0000' },
    },
    {
      stationID: 'st-gdn-0004',
      name: 'Magazyn Bałtyk — Gdańsk',
      timezone: 'Europe/Warsaw',
      country: 'Poland',
      countryCode: 'PL',
      city: 'Gdańsk',
      address: 'ul. Przemysłowa 4',
      postcode: '80-557',
      latitude: 54.35,
      createDate: now - 2 * day,
      user: { name: 'Bałtyk Logistyka S.A.', email: 'energia@baltyk.example.pl', phone: '+48 58 500 60 70' },
      installer: { name: 'SolarMont sp. z o.o.', email: 'serwis@solarmont.example.pl', phone: '+48 12 300 40 50' },
    },
  ]
  const devices: SimDeviceSpec[] = [
    inverter({ sn: '60H3103A12345601', stationID: 'st-krk-0001', deviceType: 'H3-10.0-E', ct: 'normal', seed: 11 }),
    inverter({ sn: '60H3080B22345602', stationID: 'st-hzh-0002', deviceType: 'H3-8.0-E', ct: 'wrongPhaseOrder', ctFixedOnRerun: true, pvKw: 8, ratedW: 8000, seed: 12 }),
    inverter({
      sn: '60H1050C32345603',
      stationID: 'st-hzh-0002',
      deviceType: 'H1-5.0-E',
      phases: 1,
      ct: 'normal',
      pvKw: 5,
      ratedW: 5000,
      batteryKwh: 5.2,
      batteryVolts: 51.2,
      batteryKw: 3,
      twoDigitYear: true,
      clockDriftSeconds: -431,
      moduleSignal: 41,
      versions: versions('1.35'),
      seed: 13,
    }),
    inverter({ sn: '60H3120D42345604', stationID: 'st-lds-0003', deviceType: 'H3-12.0-E', ct: 'reversedCt', ctFixedOnRerun: true, pvKw: 12, ratedW: 12000, seed: 14 }),
    inverter({ sn: '60H3060E52345605', stationID: 'st-lds-0003', deviceType: 'H3-6.0-E', ct: 'bmsAlarm', status: 2, faults: '14,207', pvKw: 6, ratedW: 6000, seed: 15 }),
    inverter({ sn: '60H3150F62345606', stationID: 'st-gdn-0004', deviceType: 'H3-15.0-E', ct: 'meterMissing', pvKw: 15, ratedW: 15000, baseLoadKw: 2.4, seed: 16 }),
    inverter({ sn: '60H3100G72345607', stationID: 'st-gdn-0004', deviceType: 'H3-10.0-E', ct: 'offline', status: 3, moduleSignal: 0, seed: 17 }),
    inverter({ sn: '60H3100H82345608', stationID: 'st-gdn-0004', deviceType: 'H3-10.0-E', ct: 'alreadyChecking', baseLoadKw: 1.8, seed: 18 }),
    inverter({ sn: '60H3100J92345609', stationID: 'st-gdn-0004', deviceType: 'H3-10.0-E', ct: 'slowToStart', baseLoadKw: 1.8, seed: 19 }),
    inverter({ sn: '60H3100K02345610', stationID: 'st-gdn-0004', deviceType: 'H3-10.0-E', ct: 'neverFinishes', faults: '4141', baseLoadKw: 1.8, seed: 20 }),
    inverter({ sn: '60H3050M22345612', stationID: 'st-gdn-0004', deviceType: 'H3-5.0-E', ct: 'failsDuringCheck', pvKw: 5, ratedW: 5000, seed: 21 }),
    inverter({ sn: '60H3080N32345613', stationID: 'st-gdn-0004', deviceType: 'H3-8.0-E', ct: 'abnormalNoDetails', pvKw: 8, ratedW: 8000, seed: 22 }),
    inverter({
      sn: '60T1000L12345611',
      stationID: 'st-gdn-0004',
      deviceType: 'T10-G3',
      productType: 'T',
      hasBattery: false,
      batteryKwh: 0,
      batteryKw: 0,
      ct: 'normal',
      settings: false,
      scheduler: false,
      strings: 2,
      versions: versions('1.20'),
      seed: 23,
    }),
  ]
  return { plants, devices }
}

/** Factory settings of a simulated inverter: what a fresh installation reads back. */
export function defaultSettings(spec: SimDeviceSpec): SimSettings {
  return {
    minSoc: 10,
    minSocOnGrid: 10,
    maxSoc: 100,
    exportLimitW: spec.ratedW,
    gridCode: spec.stationID.includes('hzh') ? 'CN-NBT32004' : spec.stationID.includes('lds') ? 'GB-G99' : 'PL-EN50549',
    forceCharge: {
      enable1: false,
      startTime1: { hour: 0, minute: 0 },
      endTime1: { hour: 0, minute: 0 },
      enable2: false,
      startTime2: { hour: 0, minute: 0 },
      endTime2: { hour: 0, minute: 0 },
    },
    // the single-phase unit comes with an active schedule: SOC writes meet 44096 until it is switched off
    schedulerEnabled: spec.phases === 1,
    groups:
      spec.phases === 1
        ? [
            { enable: 1, startHour: 0, startMinute: 0, endHour: 6, endMinute: 59, workMode: 'ForceCharge', minSocOnGrid: 15, fdSoc: 90, fdPwr: 3000 },
            { enable: 1, startHour: 17, startMinute: 0, endHour: 21, endMinute: 59, workMode: 'SelfUse', minSocOnGrid: 20, fdSoc: 20, fdPwr: 3000 },
          ]
        : [],
  }
}

export const GRID_CODES = ['PL-EN50549', 'GB-G99', 'CN-NBT32004', 'DE-VDE4105', 'EN50549-1']
