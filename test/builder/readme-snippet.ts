import { model, int, real, vector, v, normal, cauchy, sampleModel } from './langevin.js';

// Eight schools, non-centred: theta = mu + tau * eta
const schools = model('eight_schools')
  .data('J', int().lower(0))
  .data('y', vector('J'))
  .data('sigma', vector('J').lower(0))
  .parameter('mu', real()).parameter('tau', real().lower(0)).parameter('eta', vector('J'))
  .transformedParameter('theta', vector('J'), v('mu').add(v('tau').mul('eta')))
  .sample('mu', normal(0, 5)).sample('tau', cauchy(0, 5)).sample('eta', normal(0, 1))
  .sample('y', normal('theta', 'sigma'));

const data = { J: 8, y: [28, 8, -3, 7, -1, 1, 18, 12], sigma: [15, 10, 16, 11, 9, 11, 10, 18] };
const fit = await sampleModel(await schools.compile({ data }), { sampler: 'mala', seed: 1 });
for (const p of fit.summary.parameters.slice(0, 2)) console.log(p.name, p.mean, p.rhat);
