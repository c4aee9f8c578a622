import type { SerialSimulator } from '../simulators/registry'
import type { ModuleContext } from './module'

/** What a demo panel needs of an in-process serial simulator besides the wire. */
export interface PanelSimulator<S> extends SerialSimulator {
  /** what the panel shows of its cable */
  plugged: boolean
  state(): S
  onChange(listener: (state: S) => void): () => void
}

export interface SerialSimPanel<S, Sim extends PanelSimulator<S>> {
  /** the instance demo mode started, or null; its changes reach the panel from the first call on */
  simulator(): Sim | null
  /** pulls the cable (false) or plugs it back (true): the port list is polled at once, so the app sees it now rather than at its next poll */
  cable(sim: Sim, plugged: boolean): Promise<void>
  /** tells the panel the state after its action, and answers it */
  show(sim: Sim): S
  dispose(): void
}

/**
 * A device module's demo panel over its in-process serial simulator: it
 * follows whichever instance demo mode started (demo mode can be switched off
 * and on again, which starts another), and pulls and plugs the simulated
 * cable the way the port manager notices an adapter.
 */
export function serialSimPanel<S, Sim extends PanelSimulator<S>>(
  context: Pick<ModuleContext, 'simulators' | 'ports'>,
  id: string,
  emit: (state: S) => void,
): SerialSimPanel<S, Sim> {
  const { simulators, ports } = context
  let watched: Sim | null = null
  let unwatch: (() => void) | null = null
  return {
    simulator() {
      const sim = simulators.instance<Sim>(id) ?? null
      if (sim !== watched) {
        unwatch?.()
        watched = sim
        unwatch = sim ? sim.onChange(emit) : null
      }
      return sim
    },
    async cable(sim, plugged) {
      if (plugged) await simulators.plug(id)
      else await simulators.unplug(id)
      sim.plugged = plugged
      await ports.poll()
    },
    show(sim) {
      const state = sim.state()
      emit(state)
      return state
    },
    dispose() {
      unwatch?.()
      unwatch = null
      watched = null
    },
  }
}
