import type { AnyEventChannel, EventPayloadByChannel } from '@shared/contract'

type Listener = (channel: AnyEventChannel, payload: unknown) => void

/** Typed fan-out of main → renderer events to every attached transport (Electron windows, WebSocket clients). */
export class EventBus {
  private readonly sinks = new Set<Listener>()

  emit<C extends AnyEventChannel>(channel: C, payload: EventPayloadByChannel<C>): void {
    for (const sink of this.sinks) sink(channel, payload)
  }

  attach(sink: Listener): () => void {
    this.sinks.add(sink)
    return () => this.sinks.delete(sink)
  }
}
