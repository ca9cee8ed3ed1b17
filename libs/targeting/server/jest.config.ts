export default {
  displayName: 'targeting-server',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
