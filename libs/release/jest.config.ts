export default {
  displayName: 'release',
  preset: '../../jest.preset.js',
  // The independent peers (@ctrl/*) ship ES modules only; SWC turns them into CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!(@ctrl|uint8array-extras)/)'],
};
