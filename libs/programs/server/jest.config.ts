export default {
  displayName: 'programs-server',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
