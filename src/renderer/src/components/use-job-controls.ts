import { api } from '../api'
import { type PageAction, useAction } from './use-action'

export type JobControls = PageAction & { cancel: () => Promise<void> }

/** A job page's actions on its job (answers, retests, reports) with one error banner, and its cancel. */
export function useJobControls(recordId: number | undefined): JobControls {
  const action = useAction()
  const cancel = () =>
    action.run(async () => {
      if (recordId !== undefined) await api().cancelJob({ recordId })
    })
  return { ...action, cancel }
}
