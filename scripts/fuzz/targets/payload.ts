/** Small helpers the fuzz targets share. */
import type { Rng } from '../../soak/rng.js';

export type Json = Record<string, unknown>;
export const FORM = 'application/x-www-form-urlencoded';

/** Sets one nested field (a control input's text) and returns the object. */
export function mutateIn(obj: Json, path: string[], value: unknown): Json {
  let node = obj;
  for (const key of path.slice(0, -1)) node = node[key] as Json;
  node[path.at(-1) as string] = value;
  return obj;
}

/** Removes the parts that make a payload a customer's message (so storing it would be wrong). */
export function strip(payload: Json | null, paths: string[][], rng: Rng): Json | null {
  const path = rng.pick(paths);
  let node: unknown = payload;
  for (const key of path.slice(0, -1)) node = (node as Record<string, unknown> | undefined)?.[key];
  if (node && typeof node === 'object') delete (node as Record<string, unknown>)[path.at(-1) as string];
  return payload;
}
