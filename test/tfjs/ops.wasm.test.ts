/** Every IR primitive on the wasm backend against the Float64 reference (see ops-cases.ts). */
import { defineOpTests } from './ops-cases.js';

defineOpTests('wasm');
