/** The simulated open API's plant endpoints: list, detail, create, update, delete. */
import { isTimeZone } from '@shared/devices/foxess/time'
import { ERRNO } from '../errno'
import type { SimPlant } from './fleet'
import { page, paged } from './request-checks'
import type { FoxRoutes } from './route'
import { fail } from './sim-errno'
import type { FoxCloudState } from './state'

export function plantRoutes(cloud: FoxCloudState): FoxRoutes {
  return {
    '/op/v0/plant/list': {
      method: 'POST',
      handle: ({ body }) => paged(cloud.plants.map((p) => ({ stationID: p.stationID, name: p.name, ianaTimezone: p.timezone })), page(body)),
    },
    '/op/v0/plant/detail': {
      method: 'GET',
      handle: ({ query }) => {
        const p = cloud.plant(query.get('id') ?? '')
        if (!p) fail(ERRNO.body, 'unknown station')
        return {
          stationName: p!.name,
          country: p!.country,
          city: p!.city,
          address: p!.address,
          createDate: String(p!.createDate),
          postcode: p!.postcode,
          capacity: cloud.owned()
            .filter((d) => d.spec.stationID === p!.stationID)
            .reduce((sum, d) => sum + d.spec.pvKw, 0),
          timezone: p!.timezone,
          user: p!.user,
          installer: p!.installer,
          modules: cloud.owned()
            .filter((d) => d.spec.stationID === p!.stationID)
            .map((d) => ({ moduleSN: d.spec.moduleSN, deviceSN: d.spec.sn })),
        }
      },
    },
    '/op/v0/plant/create': { method: 'POST', handle: ({ body }) => savePlant(cloud, body, null) },
    '/op/v0/plant/update': {
      method: 'POST',
      handle: ({ body }) => {
        const id = (body.details as Record<string, unknown> | undefined)?.stationID
        if (typeof id !== 'string' || !cloud.plant(id)) fail(ERRNO.body, 'details.stationID')
        return savePlant(cloud, body, id as string)
      },
    },
    '/op/v0/plant/delete': {
      method: 'POST',
      handle: ({ body }) => {
        const i = cloud.plants.findIndex((p) => p.stationID === body.stationID)
        if (i < 0) fail(ERRNO.body, 'stationID')
        const [removed] = cloud.plants.splice(i, 1)
        for (const d of cloud.devices.values()) if (d.spec.stationID === removed!.stationID) d.spec.stationID = ''
        return null
      },
    },
  }
}

export function savePlant(cloud: FoxCloudState, body: Record<string, unknown>, stationID: string | null) {
  const details = body.details as Record<string, unknown> | undefined
  if (!details || typeof details !== 'object') fail(ERRNO.body, 'details')
  for (const field of ['name', 'countryCode', 'city', 'address', 'postcode'] as const) {
    if (typeof details![field] !== 'string' || !(details![field] as string).trim()) fail(ERRNO.body, `details.${field}`)
  }
  if (![1, 2, 3, 4].includes(details!.type as number)) fail(ERRNO.body, 'details.type')
  if (!/^[A-Z]{2}$/.test(details!.countryCode as string)) fail(ERRNO.body, 'details.countryCode')
  if (typeof body.timezone !== 'string' || !isTimeZone(body.timezone)) fail(ERRNO.body, 'timezone')
  const id = stationID ?? `st-new-${String(cloud.nextStation++).padStart(4, '0')}`
  const existing = cloud.plant(id)
  const plant: SimPlant = {
    ...(existing ?? cloud.plants[0]!),
    stationID: id,
    name: (details!.name as string).trim(),
    timezone: body.timezone as string,
    countryCode: details!.countryCode as string,
    country: details!.countryCode as string,
    city: details!.city as string,
    address: details!.address as string,
    postcode: details!.postcode as string,
    createDate: existing?.createDate ?? cloud.clock.now(),
  }
  if (existing) Object.assign(existing, plant)
  else cloud.plants.push(plant)
  const devices = Array.isArray(body.devices) ? (body.devices as { sn?: unknown }[]) : []
  return {
    stationID: id,
    devices: devices.map((entry) => {
      const d = typeof entry?.sn === 'string' ? cloud.devices.get(entry.sn) : undefined
      if (d) d.spec.stationID = id
      return { device: { sn: String(entry?.sn ?? '') }, sn: String(entry?.sn ?? ''), errno: d ? 0 : ERRNO.body }
    }),
  }
}
