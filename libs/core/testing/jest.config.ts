export default {
  displayName: 'core-testing',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
