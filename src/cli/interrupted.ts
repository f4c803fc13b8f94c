/** Thrown after a run interrupted by a signal wrote what it had; exit 130 (SIGINT), 143 (SIGTERM) or 129 (SIGHUP). */
export class Interrupted extends Error {
  constructor(
    message: string,
    readonly exitCode = 130,
  ) {
    super(message);
  }
}
