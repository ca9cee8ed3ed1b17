// Only the definition: the application imports it eagerly, the definition loads the rest lazily.
export { paymentWebDefinition } from './payment.web-definition';
