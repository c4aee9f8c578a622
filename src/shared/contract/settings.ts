export const Languages = ['en', 'zh', 'pl'] as const
export type Language = (typeof Languages)[number]

export const TemperatureUnits = ['celsius', 'fahrenheit'] as const
export type TemperatureUnit = (typeof TemperatureUnits)[number]
export const PowerUnits = ['kW', 'W'] as const
export type PowerUnit = (typeof PowerUnits)[number]

export interface Settings {
  /** null: follow the operating system's language */
  language: Language | null
  temperatureUnit: TemperatureUnit
  powerUnit: PowerUnit
  operatorName: string
  /** the first-run choice has been made (demo or hardware) */
  firstRunDone: boolean
  demoMode: boolean
}

export type SettingsPatch = Partial<Settings>

export const defaultSettings: Settings = {
  language: null,
  temperatureUnit: 'celsius',
  powerUnit: 'kW',
  operatorName: '',
  firstRunDone: false,
  demoMode: false,
}

/** Maps BCP 47 tags (from the OS or the browser), most preferred first, to a shipped language. */
export function matchLanguage(tags: readonly string[]): Language {
  for (const tag of tags) {
    const base = tag.toLowerCase().split(/[-_]/)[0]
    if (base === 'zh') return 'zh'
    if (base === 'pl') return 'pl'
    if (base === 'en') return 'en'
  }
  return 'en'
}
