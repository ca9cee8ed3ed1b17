export default {
  displayName: 'grm-server',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
