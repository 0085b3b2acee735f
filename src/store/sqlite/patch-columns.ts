/**
 * Partial updates of the embedded store's rows: which column each patchable model field
 * lives in, and how its value is stored.
 */

/** Column names of the patchable model fields, with how to store each value. */
export interface PatchColumn {
  column: string;
  /** NOT NULL columns ignore an explicit `undefined`; nullable ones clear. */
  nullable: boolean;
  encode: (value: unknown) => unknown;
}

const plain = (v: unknown): unknown => v;
const date = (v: unknown): unknown => (v instanceof Date ? v.getTime() : v);
const json = (v: unknown): unknown => JSON.stringify(v);

export const CUSTOMER_PATCH: Record<string, PatchColumn> = {
  name: { column: 'name', nullable: true, encode: plain },
  language: { column: 'language', nullable: true, encode: plain },
  optedOut: { column: 'opted_out', nullable: false, encode: json },
  mergedInto: { column: 'merged_into', nullable: true, encode: plain },
};

export const CONVERSATION_PATCH: Record<string, PatchColumn> = {
  channel: { column: 'channel', nullable: false, encode: plain },
  status: { column: 'status', nullable: false, encode: plain },
  openedAt: { column: 'opened_at', nullable: false, encode: date },
  lastInboundAt: { column: 'last_inbound_at', nullable: false, encode: date },
  firstResponseAt: { column: 'first_response_at', nullable: true, encode: date },
  resolvedAt: { column: 'resolved_at', nullable: true, encode: date },
  ratingRequestedAt: { column: 'rating_requested_at', nullable: true, encode: date },
};

export const MESSAGE_PATCH: Record<string, PatchColumn> = {
  classification: { column: 'classification', nullable: true, encode: json },
  /** Not a model field: derived from `classification` by the store in updateMessage. */
  intent: { column: 'intent', nullable: true, encode: plain },
  stage: { column: 'stage', nullable: false, encode: plain },
  delivery: { column: 'delivery', nullable: true, encode: plain },
};

/** Turns a patch into `col = @col` assignments and named parameters; unknown keys are ignored. */
export function buildPatch(
  patch: Record<string, unknown>,
  columns: Record<string, PatchColumn>,
): { sets: string[]; params: Record<string, unknown> } {
  const sets: string[] = [];
  const params: Record<string, unknown> = {};
  for (const key of Object.keys(columns).sort()) {
    if (!(key in patch)) continue;
    const spec = columns[key]!;
    const value = patch[key];
    if (value === undefined || value === null) {
      if (!spec.nullable) continue;
      sets.push(`${spec.column} = NULL`);
      continue;
    }
    sets.push(`${spec.column} = @${spec.column}`);
    params[spec.column] = spec.encode(value);
  }
  return { sets, params };
}
