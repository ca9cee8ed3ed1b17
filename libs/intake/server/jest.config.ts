export default {
  displayName: 'intake-server',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
