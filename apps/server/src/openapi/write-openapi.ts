import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { generateOpenApi, OPENAPI_FILE } from './generate';

/** `npm run openapi`: regenerates libs/contracts/openapi.json from the running code. */
generateOpenApi()
  .then((json) => {
    writeFileSync(OPENAPI_FILE, json);
    process.stdout.write(`wrote ${OPENAPI_FILE}\n`);
  })
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
