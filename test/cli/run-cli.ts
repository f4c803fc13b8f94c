/** Drive the CLI in-process with fake streams, as a user would from a shell. */
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], options: { signal?: AbortSignal; cwd?: string } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    isTTY: false,
    signal: options.signal,
    cwd: options.cwd,
  });
  return { code, stdout, stderr };
}

export const EXAMPLES = new URL('../../examples/models/', import.meta.url).pathname;
export const example = (name: string): string => `${EXAMPLES}${name}`;
