import { useState } from 'react'
import { useErrorText } from './errors'

/** Runs an api action and keeps its localized error, for pages with several buttons and one error banner. */
export function useAction(): { run: (action: () => Promise<unknown>) => Promise<void>; error: string | null; clearError: () => void } {
  const errorText = useErrorText()
  const [error, setError] = useState<string | null>(null)
  const run = async (action: () => Promise<unknown>) => {
    setError(null)
    try {
      await action()
    } catch (err) {
      setError(errorText(err))
    }
  }
  return { run, error, clearError: () => setError(null) }
}
