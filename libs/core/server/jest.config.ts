export default {
  displayName: 'core-server',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
