/**
 * The preloaded examples: the repository's own model and data files (read
 * at build time, so the page needs no network) and the settings that show
 * what each one is for.
 */
import eightSchools from '../../examples/models/eight_schools_noncentered.stan?raw';
import eightSchoolsData from '../../examples/models/eight_schools_noncentered.data.json?raw';
import kidiq from '../../examples/models/kidiq.stan?raw';
import kidiqData from '../../examples/models/kidiq.data.json?raw';
import doubleWell from '../../examples/models/double_well.stan?raw';
import mixture from '../../examples/models/mixture_noise.stan?raw';

export interface Example {
  id: string;
  title: string;
  note: string;
  model: string;
  data: string;
  mode: 'sample' | 'compare';
  /** One sampler (sample mode) or several (compare mode). */
  samplers: string[];
  chains: number;
  warmup: number;
  draws: number;
  seed: number;
  /** Option fields by path (samplers.ts), plus 'modes' and 'basins' as the CLI writes them. */
  options: Record<string, string>;
}

/** Eight schools with the semicolon after mu's prior missing: the parser reports it on the next line. */
const broken = eightSchools.replace('mu ~ normal(0, 5);', 'mu ~ normal(0, 5)');

const base = { seed: 1, data: '{}', options: {} };

export const EXAMPLES: Example[] = [
  {
    ...base,
    id: 'eight-schools',
    title: 'Eight schools (hierarchical, non-centred)',
    note: 'The classic hierarchical model: MALA with an adapted diagonal metric, 4 × 1000 draws.',
    model: eightSchools,
    data: eightSchoolsData,
    mode: 'sample',
    samplers: ['mala'],
    chains: 4,
    warmup: 1000,
    draws: 1000,
  },
  {
    ...base,
    id: 'kidiq',
    title: 'Regression on real data (kidiq)',
    note: "Gelman & Hill's child test scores on mother's IQ, 434 children (posteriordb kidiq-kidscore_momiq). Intercept and slope are strongly correlated: mala with a diagonal metric mixes slowly, and the R-hat cells say so.",
    model: kidiq,
    data: kidiqData,
    mode: 'sample',
    samplers: ['mala'],
    chains: 4,
    warmup: 1000,
    draws: 1000,
  },
  {
    ...base,
    id: 'double-well',
    title: 'Double well at β = 4 (metastability)',
    note: 'lmc-beta on exp(−β (x² − 1)²): chains stay in one well for a long time (Eyring–Kramers); basin occupancy at x = ±1.',
    model: doubleWell,
    mode: 'sample',
    samplers: ['lmc-beta'],
    chains: 4,
    warmup: 0,
    draws: 20000,
    options: { beta: '4', stepSize: '0.01', basins: 'x=-1; x=1' },
  },
  {
    ...base,
    id: 'annealed-mixture',
    title: 'Mixture: plain vs annealed Langevin',
    note: '0.2 N((−5,−5), I) + 0.8 N((5,5), I). Plain lmc keeps the initial split between the modes; annealing recovers the 0.2 / 0.8 weights.',
    model: mixture,
    mode: 'compare',
    samplers: ['lmc', 'annealed'],
    chains: 400,
    warmup: 200,
    draws: 200,
    options: { initRadius: '10', modes: '-5,-5; 5,5' },
  },
  {
    ...base,
    id: 'syntax-error',
    title: 'A model with a syntax error',
    note: 'Eight schools with a missing semicolon: the diagnostic is shown inline, at the line and column the parser reports.',
    model: broken,
    data: eightSchoolsData,
    mode: 'sample',
    samplers: ['mala'],
    chains: 4,
    warmup: 1000,
    draws: 1000,
  },
];
