export default {
  displayName: 'downloader',
  preset: '../../jest.preset.js',
};
