import { useState } from 'react'
import { useErrorText } from './errors'
import { type ActionState, runAction } from './run-action'

export interface PageAction {
  run: (action: () => Promise<unknown>) => Promise<void>
  busy: boolean
  error: string | null
  clearError: () => void
}

/** Runs an api action and keeps its localized error, for pages with several buttons and one error banner. */
export function useAction(): PageAction {
  const errorText = useErrorText()
  const [state, setState] = useState<ActionState>({ busy: false, error: null })
  return {
    run: (action) => runAction(action, errorText, setState),
    busy: state.busy,
    error: state.error,
    clearError: () => setState((current) => ({ ...current, error: null })),
  }
}
