/**
 * The tfjs-free facts about score networks and score files: activation
 * names and the file format tag. The library entry exports these without
 * loading tfjs; network.ts and score-json.ts re-export them.
 */

export type Activation = 'swish' | 'softplus' | 'tanh';
export const ACTIVATIONS: readonly Activation[] = ['swish', 'softplus', 'tanh'];

export const SCORE_FORMAT = 'langevin-score';
export const SCORE_VERSION = 1;
