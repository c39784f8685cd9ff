export default {
  displayName: 'server-e2e',
  preset: '../../jest.preset.js',
  testTimeout: 60_000,
};
