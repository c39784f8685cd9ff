// `npm run i18n`: after `nx run web:extract-i18n` wrote apps/web/src/locale/messages.json (the
// English source messages), sort it by id so that changes merge and review well, sort the German
// file the same way, drop the German messages whose id the code no longer has, and list the ids
// German lacks (docs/i18n.md).
import { readFileSync, writeFileSync } from 'node:fs';

const dir = new URL('../apps/web/src/locale/', import.meta.url);

function read(name) {
  return JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
}

function writeSorted(name, file) {
  const translations = Object.fromEntries(
    Object.entries(file.translations).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  writeFileSync(new URL(name, dir), `${JSON.stringify({ ...file, translations }, null, 2)}\n`);
  return translations;
}

const source = writeSorted('messages.json', read('messages.json'));
const germanFile = read('messages.de.json');
const stale = Object.keys(germanFile.translations).filter((id) => !(id in source));
for (const id of stale) delete germanFile.translations[id];
const german = writeSorted('messages.de.json', germanFile);
const missing = Object.keys(source).filter((id) => !(id in german));
for (const id of missing) console.log(`missing in German: ${id}: ${JSON.stringify(source[id])}`);
for (const id of stale) console.log(`dropped from German, no longer in the code: ${id}`);
console.log(
  `${Object.keys(source).length} messages, ${missing.length} missing in German, ${stale.length} dropped`,
);
