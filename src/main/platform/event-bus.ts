import { EventEmitter } from 'node:events';
import { events, type EventName, type EventPayload } from '../../shared/contract';

export type EventListener = (name: EventName, payload: unknown) => void;

/**
 * Events from services to whatever transports are attached. Payloads are validated here, once,
 * against the contract, so a service bug shows up in its own stack trace, not in a renderer.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(50);
  }

  emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
    const checked = events[name].payload.parse(payload);
    this.emitter.emit('event', name, checked);
  }

  subscribe(listener: EventListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  get listenerCount(): number {
    return this.emitter.listenerCount('event');
  }
}
