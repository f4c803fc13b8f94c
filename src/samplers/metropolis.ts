/**
 * The Metropolis–Hastings step, written once for every adjusted kernel
 * (mala, malt; nuts's multinomial choice uses the same uniform draw): keep
 * a proposal with probability min(1, exp(log α)). A NaN or −∞ log α is a
 * rejection. The uniform is drawn only when log α < 0, so a chain's stream
 * advances the same way in every kernel that composes this step.
 */
import type { Stream } from '../random/xoshiro.js';

/** min(1, exp(log α)), with NaN and −∞ giving 0. */
export function acceptanceProbability(logRatio: number): number {
  return !(logRatio > -Infinity) ? 0 : logRatio >= 0 ? 1 : Math.exp(logRatio);
}

/** Whether to move, given log α and min(1, α) (as acceptanceProbability returns it). */
export function metropolisAccept(logRatio: number, probability: number, stream: Stream): boolean {
  return probability >= 1 || Math.log(stream.uniform()) < logRatio;
}
