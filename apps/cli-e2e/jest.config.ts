export default {
  displayName: 'cli-e2e',
  preset: '../../jest.preset.js',
  // Each CLI run is a fresh Node process compiling TypeScript: seconds on a loaded machine.
  testTimeout: 300_000,
};
