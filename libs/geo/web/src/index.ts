// Only the definition: the application imports it eagerly, the definition loads the rest lazily.
export { geoWebDefinition } from './geo.web-definition';
