// Only the definition: the application imports it eagerly, the definition loads the rest lazily.
export { grmWebDefinition } from './grm.web-definition';
