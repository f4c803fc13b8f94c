/**
 * Live plots while a run goes: the first chains' constrained draws as the
 * worker streams them, redrawn at most every LIVE_REDRAW ms. Warm-up and
 * sampling are kept apart (the trace restarts when sampling begins).
 */
import { parameterPlots } from './plots.js';

const LIVE_REDRAW = 250;
/** Parameters plotted live (the first ones, or the chosen ones). */
const LIVE_PARAMETERS = 4;

export class LiveView {
  private series: Float64Array[][] = [];
  private length = 0;
  private chains = 0;
  private phase = '';
  private run = -1;
  private timer: number | undefined;
  private names: string[] = [];

  constructor(
    private readonly section: HTMLElement,
    private readonly container: HTMLElement,
    private readonly label: HTMLElement,
  ) {}

  start(parameterNames: string[], chosen: string[]): void {
    const picked = chosen.filter((n) => parameterNames.includes(n));
    this.names = (picked.length > 0 ? picked : parameterNames).slice(0, LIVE_PARAMETERS);
    this.reset(-1, '');
    this.section.hidden = false;
  }

  add(
    run: number,
    sampler: string,
    phase: string,
    count: number,
    chains: number,
    width: number,
    values: Float64Array,
    allNames: string[],
  ): void {
    if (run !== this.run || phase !== this.phase) this.reset(run, phase);
    this.chains = chains;
    this.label.textContent = `${sampler}: ${phase === 'warmup' ? 'warm-up' : 'sampling'}, first ${chains} chain${chains === 1 ? '' : 's'}`;
    const columns = this.names.map((n) => allNames.indexOf(n));
    this.grow(this.length + count, chains);
    for (let i = 0; i < count; i++) {
      for (let c = 0; c < chains; c++) {
        const row = (i * chains + c) * width;
        columns.forEach((col, p) => (this.series[p]![c]![this.length + i] = values[row + col]!));
      }
    }
    this.length += count;
    this.timer ??= window.setTimeout(() => this.draw(), LIVE_REDRAW);
  }

  /** Draw now (also called when a run ends, so the last draws show). */
  draw(): void {
    if (this.timer !== undefined) window.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.length === 0) return;
    const plots = this.names.map((name, p) =>
      parameterPlots(
        name,
        this.series[p]!.slice(0, this.chains).map((s) => s.subarray(0, this.length)),
        this.phase === 'warmup' ? 'warm-up iteration' : 'draw',
      ),
    );
    this.container.replaceChildren(...plots);
  }

  hide(): void {
    this.draw();
    this.section.hidden = true;
  }

  private reset(run: number, phase: string): void {
    this.run = run;
    this.phase = phase;
    this.length = 0;
    this.series = this.names.map(() => []);
  }

  private grow(needed: number, chains: number): void {
    for (const perChain of this.series) {
      while (perChain.length < chains) perChain.push(new Float64Array(Math.max(256, needed)));
      for (let c = 0; c < chains; c++) {
        const old = perChain[c]!;
        if (old.length >= needed) continue;
        const next = new Float64Array(Math.max(needed, old.length * 2));
        next.set(old.subarray(0, this.length));
        perChain[c] = next;
      }
    }
  }
}
