/** Thrown after a run interrupted by Ctrl-C wrote what it had; exit 130. */
export class Interrupted extends Error {}
