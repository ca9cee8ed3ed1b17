export * from './language';
export * from './translations-loader';
export * from './translator';
