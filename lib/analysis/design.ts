import { crossprod } from "./linalg";

/**
 * Model frames to design matrices: treatment (dummy) coding with fixed reference levels, numeric terms, two-way
 * interactions, and a rank check that drops collinear or empty columns and says which and why. Column names follow
 * R's model.matrix convention (`precinctEast`, `cit_certified:era2020_and_after`, `(Intercept)`), so that anyone
 * refitting the exported frame in R with the same reference levels gets the same term names.
 */

/** A model cannot be fitted on these data (bad values, an outcome that never varies, too few clusters...). */
export class ModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelError";
  }
}

export type FrameValue = string | number;
export type FrameRow = Readonly<Record<string, FrameValue>>;

export type TermSpec =
  | { kind: "numeric"; variable: string }
  /** Levels in display order; the reference gets no column. Every value in the frame must be one of the levels. */
  | { kind: "factor"; variable: string; levels: readonly string[]; reference: string }
  /** Product of the columns of two earlier terms (named by their variables). */
  | { kind: "interaction"; left: string; right: string };

export interface DesignSpec {
  intercept?: boolean;
  terms: readonly TermSpec[];
}

export interface ColumnInfo {
  name: string;
  /** The variable (or "left:right" for an interaction) the column belongs to. */
  variable: string;
  kind: "intercept" | "numeric" | "dummy" | "interaction";
  /** For a dummy column: its level and the factor's reference level. */
  level: string | null;
  reference: string | null;
}

export interface Design {
  X: Float64Array;
  n: number;
  p: number;
  columns: ColumnInfo[];
}

export interface DroppedColumn {
  column: string;
  reason: "empty" | "collinear";
  detail: string;
}

interface Block {
  variable: string;
  columns: ColumnInfo[];
  /** Writes the block's values for one row into out[at..] (out starts zeroed). */
  write: (row: FrameRow, i: number, out: Float64Array, at: number) => void;
}

function numericValue(row: FrameRow, variable: string, i: number): number {
  const v = row[variable];
  if (typeof v !== "number" || !Number.isFinite(v))
    throw new ModelError(`Row ${i + 1}: ${variable} must be a finite number, got ${String(v)}`);
  return v;
}

function factorBlock(t: Extract<TermSpec, { kind: "factor" }>): Block {
  if (!t.levels.includes(t.reference))
    throw new ModelError(`Reference level "${t.reference}" of ${t.variable} is not one of its levels`);
  const coded = t.levels.filter((l) => l !== t.reference);
  // Column offset of each level; -1 for the reference.
  const index = new Map<string, number>(t.levels.map((l) => [l, coded.indexOf(l)]));
  return {
    variable: t.variable,
    columns: coded.map((level) => ({
      name: `${t.variable}${level}`,
      variable: t.variable,
      kind: "dummy",
      level,
      reference: t.reference,
    })),
    write: (row, i, out, at) => {
      const v = row[t.variable];
      const k = index.get(typeof v === "string" ? v : String(v));
      if (k === undefined)
        throw new ModelError(
          `Row ${i + 1}: ${t.variable} "${String(v)}" is not one of its levels (${t.levels.join(", ")})`,
        );
      if (k >= 0) out[at + k] = 1;
    },
  };
}

function blocksOf(spec: DesignSpec): Block[] {
  const blocks: Block[] = [];
  if (spec.intercept !== false) {
    blocks.push({
      variable: "(Intercept)",
      columns: [{ name: "(Intercept)", variable: "(Intercept)", kind: "intercept", level: null, reference: null }],
      write: (_r, _i, out, at) => void (out[at] = 1),
    });
  }
  const byVariable = new Map<string, Block>();
  for (const t of spec.terms) {
    let block: Block;
    if (t.kind === "numeric") {
      const columns: ColumnInfo[] = [
        { name: t.variable, variable: t.variable, kind: "numeric", level: null, reference: null },
      ];
      block = {
        variable: t.variable,
        columns,
        write: (row, i, out, at) => void (out[at] = numericValue(row, t.variable, i)),
      };
    } else if (t.kind === "factor") {
      block = factorBlock(t);
    } else {
      const left = byVariable.get(t.left);
      const right = byVariable.get(t.right);
      if (!left || !right)
        throw new ModelError(`Interaction ${t.left}:${t.right} needs both terms earlier in the formula`);
      // R's order: the left term's columns vary fastest.
      const columns: ColumnInfo[] = [];
      for (const r of right.columns)
        for (const l of left.columns)
          columns.push({
            name: `${l.name}:${r.name}`,
            variable: `${t.left}:${t.right}`,
            kind: "interaction",
            level: null,
            reference: null,
          });
      const lv = new Float64Array(left.columns.length);
      const rv = new Float64Array(right.columns.length);
      block = {
        variable: `${t.left}:${t.right}`,
        columns,
        write: (row, i, out, at) => {
          lv.fill(0);
          rv.fill(0);
          left.write(row, i, lv, 0);
          right.write(row, i, rv, 0);
          for (let b = 0; b < rv.length; b++)
            for (let a = 0; a < lv.length; a++) out[at + b * lv.length + a] = lv[a]! * rv[b]!;
        },
      };
    }
    byVariable.set(block.variable, block);
    blocks.push(block);
  }
  return blocks;
}

export function buildDesign(rows: readonly FrameRow[], spec: DesignSpec): Design {
  const blocks = blocksOf(spec);
  const columns = blocks.flatMap((b) => b.columns);
  const offsets: number[] = [];
  let width = 0;
  for (const b of blocks) {
    offsets.push(width);
    width += b.columns.length;
  }
  const n = rows.length;
  const p = columns.length;
  const X = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    for (let b = 0; b < blocks.length; b++) blocks[b]!.write(row, i, X, i * p + offsets[b]!);
  }
  return { X, n, p, columns };
}

/** The design restricted to some columns, in the given order. */
export function selectColumns(d: Design, keep: readonly number[]): Design {
  const p = keep.length;
  const X = new Float64Array(d.n * p);
  for (let i = 0; i < d.n; i++) for (let k = 0; k < p; k++) X[i * p + k] = d.X[i * d.p + keep[k]!]!;
  return { X, n: d.n, p, columns: keep.map((j) => d.columns[j]!) };
}

/**
 * Rank check by a sequential Cholesky of X'X, in column order (as R's glm keeps the first of collinear columns):
 * a column whose squared distance from the span of the kept columns is below `tol` times its squared length is
 * dropped, and named together with the kept columns it is a combination of.
 */
export function rankCheck(d: Design, tol = 1e-9): { keep: number[]; dropped: DroppedColumn[] } {
  const A = crossprod(d.X, d.n, d.p);
  const keep: number[] = [];
  const L: number[][] = []; // rows of the Cholesky factor of X'X over the kept columns
  const dropped: DroppedColumn[] = [];
  for (let j = 0; j < d.p; j++) {
    const ajj = A.get(j, j);
    const name = d.columns[j]!.name;
    if (ajj === 0) {
      const c = d.columns[j]!;
      dropped.push({
        column: name,
        reason: "empty",
        detail:
          c.kind === "dummy"
            ? `no observations at level "${c.level}" of ${c.variable}`
            : "the column is zero for every observation",
      });
      continue;
    }
    const l = new Array<number>(keep.length);
    let ss = 0;
    for (let k = 0; k < keep.length; k++) {
      let s = A.get(keep[k]!, j);
      for (let m = 0; m < k; m++) s -= L[k]![m]! * l[m]!;
      l[k] = s / L[k]![k]!;
      ss += l[k]! * l[k]!;
    }
    const resid = ajj - ss;
    if (resid <= tol * ajj) {
      // Coefficients of the combination: solve L' b = l.
      const b = new Array<number>(keep.length).fill(0);
      for (let k = keep.length - 1; k >= 0; k--) {
        let s = l[k]!;
        for (let m = k + 1; m < keep.length; m++) s -= L[m]![k]! * b[m]!;
        b[k] = s / L[k]![k]!;
      }
      const partners = keep.filter((_, k) => Math.abs(b[k]!) > 1e-6).map((c) => d.columns[c]!.name);
      dropped.push({
        column: name,
        reason: "collinear",
        detail: partners.length ? `a linear combination of ${partners.join(", ")}` : "constant (no variation)",
      });
      continue;
    }
    L.push([...l, Math.sqrt(resid)]);
    keep.push(j);
  }
  return { keep, dropped };
}
