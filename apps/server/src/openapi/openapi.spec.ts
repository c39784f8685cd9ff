import { existsSync, readFileSync } from 'node:fs';
import { generateOpenApi, OPENAPI_FILE } from './generate';

describe('committed OpenAPI document', () => {
  it('matches the API the code serves (run `npm run openapi` after changing the API)', async () => {
    const generated = await generateOpenApi();
    expect(existsSync(OPENAPI_FILE)).toBe(true);
    const committed = readFileSync(OPENAPI_FILE, 'utf8');
    if (committed !== generated) {
      throw new Error(
        'libs/contracts/openapi.json is out of date: run `npm run openapi` and commit the result.',
      );
    }
  });

  it('tags and types every operation', async () => {
    const doc = JSON.parse(await generateOpenApi()) as {
      paths: Record<
        string,
        Record<string, { tags?: string[]; responses: Record<string, { content?: unknown }> }>
      >;
    };
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect({ route: `${method} ${path}`, tagged: (operation.tags ?? []).length > 0 }).toEqual({
          route: `${method} ${path}`,
          tagged: true,
        });
        const typed = Object.entries(operation.responses).some(
          ([status, r]) => status === '204' || r.content !== undefined,
        );
        expect({ route: `${method} ${path}`, typed }).toEqual({
          route: `${method} ${path}`,
          typed: true,
        });
      }
    }
  });
});
