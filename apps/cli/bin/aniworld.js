#!/usr/bin/env node
// The `aniworld` command (package.json "bin"): the CLI's TypeScript run through the workspace's
// SWC loader, exactly as `npm run cli -- …` runs it.
require('../../../tools/ts-register.js');
require('../src/main.ts');
