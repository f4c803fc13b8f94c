/** Structural and linear-algebra nodes on the wasm backend against the Float64 reference (see structural-cases.ts). */
import { defineStructuralTests } from './structural-cases.js';

defineStructuralTests('wasm');
