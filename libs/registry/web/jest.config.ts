// Unit tests of the registry web library: plain Angular classes (signals, DI through Injector.create), no DOM and
// no TestBed. Angular and its companions ship ES modules only: SWC turns them into CommonJS here.
export default {
  displayName: 'registry-web',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: {
    '^.+\\.m?js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@angular|@apollo|rxjs|@ngx-translate|apollo-angular|tslib|graphql)/)'],
  moduleFileExtensions: ['ts', 'mjs', 'js', 'json'],
  // Material's partially compiled declarations are finished by the JIT compiler
  setupFiles: ['@angular/compiler'],
};
