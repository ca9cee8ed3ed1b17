export default {
  displayName: 'registry-server',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
