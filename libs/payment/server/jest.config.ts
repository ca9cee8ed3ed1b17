export default {
  displayName: 'payment-server',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
