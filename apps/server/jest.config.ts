export default {
  displayName: 'server',
  preset: '../../jest.preset.js',
  // @ctrl/qbittorrent (a peer client in tests) and its helpers ship ES modules only; SWC turns
  // them into CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!(@ctrl|uint8array-extras)/)'],
};
