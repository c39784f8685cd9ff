/** Time as the services see it; tests substitute a fake to move past lockouts and expiries. */
export interface Clock {
  now(): number;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => Date.now() };
