/**
 * A search answers from what is known when its time budget runs out (docs/arr-torznab.md,
 * "Time budget"): live lookups that are still running go on in the background and fill the
 * cache for the next search, instead of making Sonarr's request time out.
 */
export class Budget {
  constructor(
    /** Epoch ms after which nothing more is waited for. */
    readonly deadline: number,
    private readonly now: () => number = Date.now,
  ) {}

  get expired(): boolean {
    return this.now() >= this.deadline;
  }

  /**
   * The work's result, or `undefined` when the budget ends first. The work is not cancelled; a
   * failure after the deadline is given to `onLateError` so it is logged, never unhandled.
   */
  async within<T>(work: Promise<T>, onLateError: (error: unknown) => void): Promise<T | undefined> {
    const left = this.deadline - this.now();
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(
        () => {
          timedOut = true;
          resolve(undefined);
        },
        Math.max(0, left),
      );
    });
    try {
      return await Promise.race([work, timeout]);
    } catch (error) {
      if (timedOut) onLateError(error);
      else throw error;
      return undefined;
    } finally {
      clearTimeout(timer);
      work.catch((error: unknown) => {
        if (timedOut) onLateError(error);
      });
    }
  }
}
