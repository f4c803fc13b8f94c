/**
 * Option values from the command line, validated with one clear message
 * per mistake ("--chains must be a positive integer, got '0'").
 */
import { LangevinError } from '../errors.js';

function invalid(flag: string, what: string, raw: string): never {
  throw new LangevinError(`${flag} must be ${what}, got '${raw}'`);
}

export function positiveInt(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(n) || n < 1) invalid(flag, 'a positive integer', raw);
  return n;
}

export function nonNegativeInt(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(n)) invalid(flag, 'a non-negative integer', raw);
  return n;
}

export function positiveNumber(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const x = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(x) || x <= 0) invalid(flag, 'a positive number', raw);
  return x;
}

export function finiteNumber(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const x = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(x)) invalid(flag, 'a number', raw);
  return x;
}

export function oneOf<T extends string>(flag: string, raw: string | undefined, allowed: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) invalid(flag, `one of ${allowed.join(', ')}`, raw);
  return raw as T;
}

/** "5,5;-5,-5" → [[5,5],[-5,-5]]. */
export function parsePoints(flag: string, raw: string | undefined): number[][] | undefined {
  if (raw === undefined) return undefined;
  const points = raw
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => p.split(',').map((v) => Number(v.trim())));
  if (points.length === 0 || points.some((p) => p.some((v) => !Number.isFinite(v)))) {
    invalid(flag, 'points like "5,5;-5,-5"', raw);
  }
  const dim = points[0]!.length;
  if (points.some((p) => p.length !== dim)) invalid(flag, 'points of one dimension', raw);
  return points;
}

/** "x=-1; x=1" or "a=0,b=1; a=2,b=3" → [{x:-1},{x:1}]. */
export function parseNamedPoints(flag: string, raw: string | undefined): Array<Record<string, number>> | undefined {
  if (raw === undefined) return undefined;
  const result: Array<Record<string, number>> = [];
  for (const part of raw
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const point: Record<string, number> = {};
    for (const assignment of part.split(',')) {
      const m = /^\s*([A-Za-z_][\w.[\],]*?)\s*=\s*(\S+)\s*$/.exec(assignment);
      if (!m || !Number.isFinite(Number(m[2]))) invalid(flag, 'points like "x=-1; x=1"', raw);
      point[m[1]!] = Number(m[2]);
    }
    result.push(point);
  }
  if (result.length === 0) invalid(flag, 'points like "x=-1; x=1"', raw);
  return result;
}
