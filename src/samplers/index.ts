/** The Langevin samplers: kernels, the Langevin step, warm-up and the driver. */
export { langevinProposal } from './langevin-step.js';
export { malaLogRatio, acceptProbability } from './mala-ratio.js';
export { lmcKernel } from './lmc.js';
export { lmcBetaKernel } from './lmc-beta.js';
export { malaKernel } from './mala.js';
export { Warmup } from './warmup.js';
export { DualAveraging, STAN_DUAL_AVERAGING } from './dual-averaging.js';
export { metricWindows } from './metric-windows.js';
export { initialStepSize } from './step-size-heuristic.js';
export { sample, sampleAsync, createKernel } from './run.js';
export type * from './types.js';
