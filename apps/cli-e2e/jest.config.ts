export default {
  displayName: 'cli-e2e',
  preset: '../../jest.preset.js',
  testTimeout: 180_000,
};
