export { canonicalJson, payloadHash } from './canonical-json';
