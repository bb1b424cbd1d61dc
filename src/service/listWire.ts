/**
 * Long lists across the worker boundary as columns. A province's 40 000 units cloned as objects
 * ({ id, name, aliases: [] }: 80 000 objects) took about 20 ms to write in the worker and 20–50 ms
 * to read on the page, inside the task that then drew the tab (规则, 目标分解, 数据录入's first
 * view); a 目标分解 of 40 000 units came back as 40 000 row objects (a 74 ms task on each change of
 * a box). As lists of strings and numbers they cross in a few milliseconds a side.
 *
 * Registered as a Comlink transfer handler on both sides (worker-client/client.ts and
 * workers/engine.worker.ts): any argument or reply that is a plain object with a `units` list
 * (every unit in one of the shapes below, key order included: the scheme is compared by its JSON
 * text first, commands.ts sameMeta) or a `rows` list of flat records (the same keys in the same
 * order, each value a string, number, boolean or null) is carried this way. Anything else is
 * cloned as it is.
 */

/** The key orders a unit is rebuilt in: a grid row's, a scheme unit's, one with a full name. */
const SHAPES = [['id', 'name'], ['id', 'name', 'aliases'], ['id', 'name', 'fullName', 'aliases']] as const;

type WireUnit = { id: string; name: string; fullName?: string; aliases?: string[] };

export interface PackedUnits {
  /** SHAPES index per unit. */
  shapes: Uint8Array;
  ids: string[];
  names: string[];
  /** The full names of the units of shape 2, in order. */
  fullNames: string[];
  /** Aliases per unit (0 for shape 0), and all of them in order. */
  aliasCounts: Uint32Array;
  aliases: string[];
}

/** Flat records of one shape: their keys, and each key's values in order. */
export interface PackedRecords {
  keys: string[];
  columns: unknown[][];
}

/** A reply or argument with its long lists packed (each key keeps its place: `rest` holds null there). */
export interface PackedCarrier {
  rest: Record<string, unknown>;
  units?: PackedUnits;
  rows?: PackedRecords;
}

const isPlain = (x: unknown): x is Record<string, unknown> => {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
};

/** The SHAPES index of `u`, or -1 when it is not a unit this wire carries exactly. */
function shapeOf(u: unknown): number {
  if (!isPlain(u) || typeof u.id !== 'string' || typeof u.name !== 'string') return -1;
  const keys = Object.keys(u);
  const s = keys.length - 2;
  const shape: readonly string[] | undefined = SHAPES[s];
  if (!shape || !shape.every((k, i) => keys[i] === k)) return -1;
  if (s === 2 && typeof u.fullName !== 'string') return -1;
  if (s > 0) {
    const a = u.aliases;
    if (!Array.isArray(a) || Object.getPrototypeOf(a) !== Array.prototype) return -1;
    for (let k = 0; k < a.length; k++) if (typeof a[k] !== 'string') return -1;
  }
  return s;
}

const plainArray = (x: unknown): x is unknown[] => Array.isArray(x) && Object.getPrototypeOf(x) === Array.prototype;

/** Does `v` carry a units list this wire can pack exactly? */
export function carriesUnits(v: unknown): v is { units: WireUnit[] } & Record<string, unknown> {
  if (!isPlain(v) || !Object.prototype.hasOwnProperty.call(v, 'units')) return false;
  const units = v.units;
  if (!plainArray(units)) return false;
  for (let i = 0; i < units.length; i++) if (shapeOf(units[i]) < 0) return false;
  return true;
}

const isFlatValue = (x: unknown) => x === null || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';

/** Is `list` one or more flat records of one shape (keys in one order, flat values)? */
export function flatRecords(list: unknown): list is Record<string, unknown>[] {
  if (!plainArray(list) || list.length === 0 || !isPlain(list[0])) return false;
  const keys = Object.keys(list[0]);
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    if (!isPlain(r)) return false;
    const own = Object.keys(r);
    if (own.length !== keys.length) return false;
    for (let k = 0; k < keys.length; k++) if (own[k] !== keys[k] || !isFlatValue(r[keys[k]!])) return false;
  }
  return true;
}

/** Does `v` carry a `rows` list of flat records of one shape? */
export function carriesRows(v: unknown): v is { rows: Record<string, unknown>[] } & Record<string, unknown> {
  return isPlain(v) && Object.prototype.hasOwnProperty.call(v, 'rows') && flatRecords(v.rows);
}

export function packRecords(list: readonly Record<string, unknown>[]): PackedRecords {
  const keys = Object.keys(list[0]!);
  return { keys, columns: keys.map((k) => list.map((r) => r[k])) };
}

export function unpackRecords(p: PackedRecords): Record<string, unknown>[] {
  const n = p.columns[0]?.length ?? 0;
  const out = new Array<Record<string, unknown>>(n);
  for (let i = 0; i < n; i++) {
    const r: Record<string, unknown> = {};
    for (let k = 0; k < p.keys.length; k++) r[p.keys[k]!] = p.columns[k]![i];
    out[i] = r;
  }
  return out;
}

export function packUnits(units: readonly WireUnit[]): PackedUnits {
  const n = units.length;
  const p: PackedUnits = { shapes: new Uint8Array(n), ids: new Array<string>(n), names: new Array<string>(n), fullNames: [], aliasCounts: new Uint32Array(n), aliases: [] };
  for (let i = 0; i < n; i++) {
    const u = units[i]!;
    const s = shapeOf(u);
    if (s < 0) throw new Error(`unitListWire: unit ${i} has a shape it cannot carry`);
    p.shapes[i] = s;
    p.ids[i] = u.id;
    p.names[i] = u.name;
    if (s === 2) p.fullNames.push(u.fullName!);
    if (s > 0) {
      p.aliasCounts[i] = u.aliases!.length;
      for (const a of u.aliases!) p.aliases.push(a);
    }
  }
  return p;
}

export function unpackUnits(p: PackedUnits): WireUnit[] {
  const n = p.ids.length;
  const out = new Array<WireUnit>(n);
  let f = 0;
  let a = 0;
  for (let i = 0; i < n; i++) {
    const s = p.shapes[i];
    const count = p.aliasCounts[i]!;
    if (s === 0) out[i] = { id: p.ids[i]!, name: p.names[i]! };
    else if (s === 1) out[i] = { id: p.ids[i]!, name: p.names[i]!, aliases: p.aliases.slice(a, (a += count)) };
    else out[i] = { id: p.ids[i]!, name: p.names[i]!, fullName: p.fullNames[f++]!, aliases: p.aliases.slice(a, (a += count)) };
  }
  return out;
}

type Carrier = Record<string, unknown>;

/** The Comlink transfer handler (structurally typed: this module imports no Comlink). */
export const listWireHandler = {
  canHandle: (v: unknown): v is Carrier => carriesUnits(v) || carriesRows(v),
  serialize: (v: Carrier): [PackedCarrier, Transferable[]] => {
    // Spread then overwrite: each packed list keeps its place among the keys.
    const w: PackedCarrier = { rest: { ...v } };
    const moved: Transferable[] = [];
    if (carriesUnits(v)) {
      w.units = packUnits(v.units);
      w.rest.units = null;
      moved.push(w.units.shapes.buffer, w.units.aliasCounts.buffer);
    }
    if (carriesRows(v)) {
      w.rows = packRecords(v.rows);
      w.rest.rows = null;
    }
    return [w, moved];
  },
  deserialize: (w: PackedCarrier): Carrier => {
    if (w.units) w.rest.units = unpackUnits(w.units);
    if (w.rows) w.rest.rows = unpackRecords(w.rows);
    return w.rest;
  },
};
