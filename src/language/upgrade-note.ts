/** The note every old-syntax diagnostic carries: the rewrite is mechanical. */
export const UPGRADE_NOTE =
  "'langevin upgrade FILE' rewrites old Stan syntax to current syntax (add --in-place to overwrite)";
