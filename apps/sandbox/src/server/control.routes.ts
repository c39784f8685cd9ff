import { FaultSpecError, type FaultState } from './faults';
import { json, text, type Route } from './http-types';
import type { StatsRecorder } from './stats';

/** `/_sandbox`: stats and fault configuration over HTTP, for processes that did not start the sandbox. */
export function controlRoutes(
  faults: FaultState,
  stats: StatsRecorder,
  catalog: () => unknown,
  publish: (slug: string) => { season: number; episode: number },
): Route[] {
  return [
    { method: 'GET', pattern: /^\/stats\/?$/, handler: () => json(stats.snapshot()) },
    {
      method: 'POST',
      pattern: /^\/stats\/reset\/?$/,
      handler: () => {
        stats.reset();
        faults.resetCounters();
        return { status: 204 };
      },
    },
    { method: 'GET', pattern: /^\/faults\/?$/, handler: () => json(faults.snapshot()) },
    {
      method: 'PUT',
      pattern: /^\/faults\/?$/,
      handler: async (ctx) => {
        let body: unknown;
        try {
          body = JSON.parse((await ctx.readBody()).toString('utf8'));
        } catch {
          return text('body must be JSON {"<prefix>": "<spec>"}', 400);
        }
        if (typeof body !== 'object' || body === null || Array.isArray(body)) {
          return text('body must be JSON {"<prefix>": "<spec>"}', 400);
        }
        try {
          for (const [prefix, spec] of Object.entries(body)) faults.set(prefix, String(spec));
        } catch (err) {
          if (err instanceof FaultSpecError) return text(err.message, 400);
          throw err;
        }
        return json(faults.snapshot());
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/faults\/?$/,
      handler: (ctx) => {
        faults.clear(ctx.query.get('prefix') ?? undefined);
        return { status: 204 };
      },
    },
    { method: 'GET', pattern: /^\/catalog\/?$/, handler: () => json(catalog()) },
    {
      method: 'POST',
      pattern: /^\/catalog\/([^/]+)\/episodes\/?$/,
      handler: (ctx) => {
        try {
          return json(publish(decodeURIComponent(ctx.params[0])), 201);
        } catch (err) {
          return text((err as Error).message, 404);
        }
      },
    },
    { method: 'GET', pattern: /^\/health\/?$/, handler: () => json({ status: 'ok' }) },
  ];
}
