export default {
  displayName: 'web-e2e',
  preset: '../../jest.preset.js',
  testTimeout: 120_000,
};
