/** Seeded random streams: the only source of randomness of the samplers. */
export { Stream } from './xoshiro.js';
export { createRng, createStreams, deriveStream, fillNormalRows } from './streams.js';
export type { Streams } from './streams.js';
