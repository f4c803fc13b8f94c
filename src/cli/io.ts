/** The CLI's streams, passed in so tests drive it in-process. */
export interface CliIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Whether stderr is a terminal (progress bars only then). */
  isTTY: boolean;
  /** Working directory for relative paths (defaults to process.cwd()). */
  cwd?: string;
  /** Lets tests interrupt a run as Ctrl-C would. */
  signal?: AbortSignal;
}
