/**
 * Chain CSVs written as the draws are made, so a kill (SIGKILL, the OOM
 * killer, a crash) keeps what was drawn: the configuration block and header
 * go out when sampling starts, then whole rows, each batch in one write.
 * Column-agnostic: the caller gives the header and the formatted rows. When
 * the run ends the files are rewritten whole from the fit (write-fit.ts),
 * so a finished or interrupted run has exactly the usual file.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { LangevinError } from '../errors.js';
import { escapeCommentValue, formatCsvNumber } from './cmdstan-csv.js';

export class ChainCsvStream {
  private readonly fds: number[] = [];

  constructor(
    private readonly dir: string,
    chains: number,
    /** The run-wide id of each chain's file (default 1 … chains; --chain-ids 3-4 writes chain-3.csv, chain-4.csv). */
    private readonly ids: readonly number[] = Array.from({ length: chains }, (_, c) => c + 1),
  ) {
    for (let c = 0; c < chains; c++) {
      const path = this.path(c);
      try {
        this.fds.push(openSync(path, 'w'));
      } catch (error) {
        this.close();
        throw new LangevinError(`cannot write '${path}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
    }
  }

  path(chain: number): string {
    return join(this.dir, `chain-${this.ids[chain]}.csv`);
  }

  /** The comment block, header and adaptation lines of one chain. */
  begin(
    chain: number,
    config: Array<[string, string | number]>,
    header: string[],
    adaptation?: { stepSize: number; invMetric: ArrayLike<number> },
  ): void {
    const lines = config.map(([k, v]) => `# ${k} = ${escapeCommentValue(v)}`);
    lines.push(header.join(','));
    if (adaptation && adaptation.invMetric.length > 0) {
      lines.push('# Adaptation terminated');
      lines.push(`# Step size = ${formatCsvNumber(adaptation.stepSize)}`);
      lines.push('# Diagonal elements of inverse mass matrix:');
      lines.push(`# ${Array.from(adaptation.invMetric, formatCsvNumber).join(', ')}`);
    }
    this.write(chain, lines.join('\n') + '\n');
  }

  /** Whole rows in one write (a reader never sees half a row). */
  rows(chain: number, rows: ReadonlyArray<ArrayLike<number>>): void {
    if (rows.length === 0) return;
    let text = '';
    for (const row of rows) text += Array.from(row, formatCsvNumber).join(',') + '\n';
    this.write(chain, text);
  }

  close(): void {
    for (const fd of this.fds.splice(0)) closeSync(fd);
  }

  private write(chain: number, text: string): void {
    const fd = this.fds[chain];
    if (fd === undefined) return;
    try {
      writeSync(fd, text);
    } catch (error) {
      throw new LangevinError(
        `cannot write '${this.path(chain)}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      );
    }
  }
}
