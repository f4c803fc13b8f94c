/**
 * Nesterov dual averaging of log η toward a target acceptance δ, per chain
 * (Hoffman and Gelman 2014; Stan's stepsize_adaptation, docs/math.md):
 *
 *     H̄_t = (1 − 1/(t + t₀)) H̄_{t−1} + (δ − a_t)/(t + t₀)
 *     log η_t = μ − (√t/γ) H̄_t
 *     log η̄_t = t^{−κ} log η_t + (1 − t^{−κ}) log η̄_{t−1}
 *
 * with μ = log(10 η₀) set at each restart. Warm-up samples with η_t; the
 * sampling phase uses η̄.
 */
export interface DualAveragingSettings {
  targetAcceptance: number;
  gamma: number;
  t0: number;
  kappa: number;
}

export const STAN_DUAL_AVERAGING: DualAveragingSettings = {
  targetAcceptance: 0.574,
  gamma: 0.05,
  t0: 10,
  kappa: 0.75,
};

export class DualAveraging {
  private readonly mu: Float64Array;
  private readonly hBar: Float64Array;
  private readonly logEtaBar: Float64Array;
  private readonly counter: Float64Array;

  constructor(
    readonly chains: number,
    readonly settings: DualAveragingSettings = STAN_DUAL_AVERAGING,
  ) {
    this.mu = new Float64Array(chains);
    this.hBar = new Float64Array(chains);
    this.logEtaBar = new Float64Array(chains);
    this.counter = new Float64Array(chains);
  }

  /** Start over from η₀ per chain: μ = log(10 η₀). */
  restart(initialStepSize: Float64Array): void {
    for (let c = 0; c < this.chains; c++) {
      this.mu[c] = Math.log(10 * initialStepSize[c]);
      this.hBar[c] = 0;
      this.logEtaBar[c] = 0;
      this.counter[c] = 0;
    }
  }

  /** One update per chain with acceptance statistics a_t; writes η_t into stepSize. */
  learn(acceptStat: Float64Array, stepSize: Float64Array): void {
    const { targetAcceptance, gamma, t0, kappa } = this.settings;
    for (let c = 0; c < this.chains; c++) {
      const a = acceptStat[c] > 1 ? 1 : acceptStat[c] === acceptStat[c] ? acceptStat[c] : 0;
      const t = ++this.counter[c];
      const weight = 1 / (t + t0);
      this.hBar[c] = (1 - weight) * this.hBar[c] + weight * (targetAcceptance - a);
      const logEta = this.mu[c] - (Math.sqrt(t) / gamma) * this.hBar[c];
      const averaging = Math.pow(t, -kappa);
      this.logEtaBar[c] = averaging * logEta + (1 - averaging) * this.logEtaBar[c];
      stepSize[c] = Math.exp(logEta);
    }
  }

  /** The averaged η̄ per chain (chains without any update keep stepSize). */
  finalStepSize(stepSize: Float64Array): void {
    for (let c = 0; c < this.chains; c++) {
      if (this.counter[c] > 0) stepSize[c] = Math.exp(this.logEtaBar[c]);
    }
  }
}
