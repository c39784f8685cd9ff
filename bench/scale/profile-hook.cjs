// Preloaded into the server by `bench/scale/profile.ts` (NODE_OPTIONS=-r): SIGUSR2 starts a
// phase, the next SIGUSR2 ends it and writes `<PROFILE_OUT>/p<n>.json` (the process's CPU time,
// user + system, all threads; statements by their first word) and, unless PROFILE_CPU=0,
// `p<n>.cpuprofile` (open it in Chrome DevTools or speedscope).
'use strict';
const fs = require('node:fs');
const inspector = require('node:inspector');

const out = process.env.PROFILE_OUT;
const cpuProfile = process.env.PROFILE_CPU !== '0';
let counts = null;
const count = (sql) => {
  if (!counts) return;
  const word = String(sql).trim().split(/\s+/, 1)[0].toUpperCase();
  counts[word] = (counts[word] ?? 0) + 1;
};
const hook = (proto, method) => {
  const original = proto[method];
  proto[method] = function (sql, ...rest) {
    count(typeof sql === 'string' ? sql : sql?.text);
    return original.call(this, sql, ...rest);
  };
};
const load = (name) => require(require.resolve(name, { paths: [process.cwd()] }));
for (const method of ['run', 'all', 'get', 'exec', 'each', 'prepare'])
  hook(load('sqlite3').Database.prototype, method);
hook(load('pg').Client.prototype, 'query');

const session = new inspector.Session();
session.connect();
const post = (method, params) =>
  new Promise((done, fail) => session.post(method, params, (e, r) => (e ? fail(e) : done(r))));
let phase = 0;
let cpu0 = null;
process.on('SIGUSR2', async () => {
  if (!counts) {
    counts = {};
    if (cpuProfile) {
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 200 });
      await post('Profiler.start');
    }
    cpu0 = process.cpuUsage();
    fs.writeFileSync(`${out}/started`, '');
    return;
  }
  const cpu = process.cpuUsage(cpu0);
  const statements = counts;
  counts = null;
  phase++;
  if (cpuProfile) {
    const { profile } = await post('Profiler.stop');
    fs.writeFileSync(`${out}/p${phase}.cpuprofile`, JSON.stringify(profile));
  }
  fs.writeFileSync(
    `${out}/p${phase}.json`,
    JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, statements }),
  );
  fs.writeFileSync(`${out}/done${phase}`, '');
});
