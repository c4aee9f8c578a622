import { create } from 'zustand'
import type { AppInfo, Language, Settings } from '@shared/contract'
import type { BridgeStatus } from '../api'

interface AppState {
  info: AppInfo | null
  settings: Settings | null
  /** the language in use: the chosen one, else the system's */
  language: Language
  bridge: BridgeStatus
  setInfo(info: AppInfo): void
  setSettings(settings: Settings): void
  setLanguage(language: Language): void
  setBridge(status: BridgeStatus): void
}

export const useApp = create<AppState>()((set) => ({
  info: null,
  settings: null,
  language: 'en',
  bridge: 'connecting',
  setInfo: (info) => set({ info }),
  setSettings: (settings) => set({ settings }),
  setLanguage: (language) => set({ language }),
  setBridge: (bridge) => set({ bridge }),
}))
