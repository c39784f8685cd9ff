/** Injection token of the shared {@link HitCounter}. */
export const HIT_COUNTER = Symbol('HIT_COUNTER');
