import { Injectable } from '@nestjs/common';
import type { LiveProgress } from '../queue.mapper';

/** Progress of the downloads running in this process, shared by the runner and the status. */
@Injectable()
export class LiveProgressRegistry {
  private readonly byItem = new Map<string, LiveProgress>();

  set(id: string, progress: LiveProgress): void {
    this.byItem.set(id, progress);
  }

  get(id: string): LiveProgress | undefined {
    return this.byItem.get(id);
  }

  delete(id: string): void {
    this.byItem.delete(id);
  }

  /** Sum of the current speeds, bytes per second. */
  totalSpeed(): number {
    let sum = 0;
    for (const p of this.byItem.values()) sum += p.speed ?? 0;
    return sum;
  }
}
