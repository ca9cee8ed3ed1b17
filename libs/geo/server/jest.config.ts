export default {
  displayName: 'geo-server',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
