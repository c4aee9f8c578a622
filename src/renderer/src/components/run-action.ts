export interface ActionState {
  busy: boolean
  error: string | null
}

/**
 * Runs one action for a page: busy while it runs, the previous error cleared
 * first, its own error (localized by `errorText`) kept for the page's banner.
 * Never throws: a failed action is something to show, not to lose.
 */
export async function runAction(action: () => Promise<unknown>, errorText: (err: unknown) => string, report: (state: ActionState) => void): Promise<void> {
  report({ busy: true, error: null })
  try {
    await action()
    report({ busy: false, error: null })
  } catch (err) {
    report({ busy: false, error: errorText(err) })
  }
}
