import type { Clock } from '../../src';

/** Sleeping advances time at once and is recorded, so nothing in a unit test really waits. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(private time = 1_000_000) {}

  now(): number {
    return this.time;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += Math.max(0, ms);
    await Promise.resolve();
  }

  advance(ms: number): void {
    this.time += ms;
  }
}
