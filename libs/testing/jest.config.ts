export default {
  displayName: 'testing',
  preset: '../../jest.preset.js',
  testTimeout: 60_000,
};
