export interface WaitOptions {
  /** How long the awaited state may take; generous, since the machine may be loaded. Default 20 s. */
  timeoutMs?: number;
  /** Pause between two probes. Default 50 ms. */
  intervalMs?: number;
  /** Appended to the timeout message: what the state was instead. */
  detail?: () => string;
}

/**
 * Probes until it returns a value (anything but null/undefined) and returns it. Tests wait for a
 * state this way, never for a fixed time: on a busy machine a sleep is too short, on an idle one
 * too long. Fails naming `what` (and `detail()`) when the state never comes.
 */
export async function waitFor<T>(
  probe: () => T | null | undefined | Promise<T | null | undefined>,
  what: string,
  options: WaitOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) {
      const detail = options.detail ? `: ${options.detail()}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}

/** Waits until `check` holds; see {@link waitFor}. A number is the timeout in ms. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  what: string,
  options: WaitOptions | number = {},
): Promise<void> {
  const opts = typeof options === 'number' ? { timeoutMs: options } : options;
  await waitFor(async () => ((await check()) ? true : null), what, opts);
}
