/** The bodies of plant/create and plant/update as the document describes them, and their answer. */
import { z } from 'zod'
import { AnswerTextLimits } from '@shared/devices/untrusted'

export interface PlantBody {
  devices?: { sn: string; key?: string }[]
  pileSN?: string
  details: {
    name: string
    /** 1 pv, 2 energy storage, 3 charge pile, 4 mini device */
    type: 1 | 2 | 3 | 4
    countryCode: string
    city: string
    address: string
    postcode: string
    price?: number
    currency?: string
    systemCapacity?: number
  }
  timezone: string
  position?: { x?: string; y?: string; format?: string; pid?: string }
  electricmeterSN?: string
  layoutByMini?: unknown
}

export interface PlantSaveResult {
  stationID: string
  devices: { sn: string; errno: number }[]
}

export const PlantSaveSchema = z
  .object({
    stationID: z.union([z.string().max(AnswerTextLimits.id), z.number()]).transform(String),
    devices: z
      .array(z.object({ device: z.object({ sn: z.string().max(AnswerTextLimits.serial) }).nullish(), sn: z.string().max(AnswerTextLimits.serial).nullish(), errno: z.number().nullish() }))
      .nullish(),
  })
  .transform(
    (r): PlantSaveResult => ({
      stationID: r.stationID,
      devices: (r.devices ?? []).map((d) => ({ sn: d.sn ?? d.device?.sn ?? '', errno: d.errno ?? 0 })),
    }),
  )
