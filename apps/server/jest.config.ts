export default {
  displayName: 'server',
  preset: '../../jest.preset.js',
  // Tests wait on states, never on time; on a loaded 2-core machine a real download or a
  // migration run can take well over jest's default 5 s, which then fails for no reason.
  testTimeout: 60_000,
  // @ctrl/qbittorrent (a peer client in tests) and its helpers ship ES modules only; SWC turns
  // them into CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!(@ctrl|uint8array-extras)/)'],
};
