export default {
  displayName: 'synthetic',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
