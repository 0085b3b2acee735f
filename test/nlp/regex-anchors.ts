/**
 * Proof helper for the requested-channel gates: whether every match of a regex must contain one of
 * a list of literal words (the "anchors" a rule declares in `need`). Read from the regex's syntax
 * tree (the regexpp parser eslint already installs), so a rule edited later without updating its
 * anchors fails the test instead of silently missing a request.
 *
 * The anchors are tested on the lower-cased text (see gate.ts). A literal letter of a case-insensitive
 * regex without the `u` flag only matches the same ASCII letter in either case, and lower-casing
 * maps each ASCII character to one character, so lower-casing keeps any literal run of the match.
 */
import { RegExpParser, type AST } from '@eslint-community/regexpp';

/** Bigger finite languages are not enumerated (the node then proves nothing by itself). */
const LIMIT = 4000;

const DIGITS = new Set('0123456789');

interface Flags {
  i: boolean;
  u: boolean;
}

function product(a: Set<string>, b: Set<string>): Set<string> | null {
  if (a.size * b.size > LIMIT) return null;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

function union(sets: (Set<string> | null)[]): Set<string> | null {
  const out = new Set<string>();
  for (const s of sets) {
    if (!s) return null;
    for (const x of s) out.add(x);
    if (out.size > LIMIT) return null;
  }
  return out;
}

function char(value: number, f: Flags): Set<string> | null {
  const c = String.fromCodePoint(value);
  // With `iu`, "s" also matches "ſ" (U+017F), which lower-cases to itself.
  if (f.i && f.u && /s/i.test(c)) return null;
  const lower = c.toLowerCase();
  // Only characters lower-casing to one character (ASCII, Han, most letters) keep runs intact.
  return lower.length === 1 ? new Set([lower]) : null;
}

/** Every string `node` can match, lower-cased, or null when that is unbounded or too many. */
function finite(node: AST.Node, f: Flags): Set<string> | null {
  switch (node.type) {
    case 'Character':
      return char(node.value, f);
    case 'CharacterClass': {
      if (node.negate) return null;
      const parts: (Set<string> | null)[] = [];
      for (const e of node.elements) {
        if (e.type === 'Character') parts.push(char(e.value, f));
        else if (e.type === 'CharacterSet' && e.kind === 'digit' && !e.negate) parts.push(DIGITS);
        else if (e.type === 'CharacterClassRange' && e.max.value - e.min.value <= 16)
          for (let v = e.min.value; v <= e.max.value; v++) parts.push(char(v, f));
        else return null;
      }
      return union(parts);
    }
    case 'CharacterSet':
      // \d (without `u`/`v` it is ASCII 0-9 only)
      return node.kind === 'digit' && !node.negate ? DIGITS : null;
    case 'Assertion':
      // zero-width: the matched text is unchanged by it
      return new Set(['']);
    case 'Group':
    case 'CapturingGroup':
    case 'Pattern':
      return union(node.alternatives.map((a) => finite(a, f)));
    case 'Alternative': {
      let out: Set<string> | null = new Set(['']);
      for (const e of node.elements) {
        const s = finite(e, f);
        out = s && out ? product(out, s) : null;
        if (!out) return null;
      }
      return out;
    }
    case 'Quantifier': {
      if (node.max > 4) return null;
      const one = finite(node.element, f);
      if (!one) return null;
      const all: Set<string>[] = [];
      let k: Set<string> | null = new Set(['']);
      for (let n = 0; n <= node.max; n++) {
        if (n >= node.min) all.push(k);
        if (n < node.max) k = product(k, one);
        if (!k) return null;
      }
      return union(all);
    }
    default:
      return null;
  }
}

function allHaveAnchor(s: Set<string> | null, anchors: readonly string[]): boolean {
  if (!s) return false;
  for (const x of s) if (!anchors.some((a) => x.includes(a))) return false;
  return true;
}

/** Whether every string `node` matches contains one of `anchors`. */
function covered(node: AST.Node, anchors: readonly string[], f: Flags): boolean {
  if (allHaveAnchor(finite(node, f), anchors)) return true;
  switch (node.type) {
    case 'Group':
    case 'CapturingGroup':
    case 'Pattern':
      return node.alternatives.every((a) => covered(a, anchors, f));
    case 'Quantifier':
      return node.min >= 1 && covered(node.element, anchors, f);
    case 'Alternative': {
      const els = node.elements;
      if (els.some((e) => covered(e, anchors, f))) return true;
      // a run of elements whose joined strings all hold an anchor ("e" "-?" "mail")
      for (let i = 0; i < els.length; i++) {
        let run: Set<string> | null = new Set(['']);
        for (let j = i; j < els.length && run; j++) {
          const s = finite(els[j] as AST.Element, f);
          run = s ? product(run, s) : null;
          if (allHaveAnchor(run, anchors)) return true;
        }
      }
      return false;
    }
    default:
      return false;
  }
}

function parse(re: RegExp): AST.Pattern {
  return new RegExpParser({ ecmaVersion: 2025 }).parsePattern(re.source, 0, re.source.length, {
    unicode: re.flags.includes('u'),
    unicodeSets: re.flags.includes('v'),
  });
}

/** Whether `re` cannot match a text whose lower-cased form holds none of `anchors`. */
export function anchorsCover(re: RegExp, anchors: readonly string[]): boolean {
  if (re.flags.includes('v') || anchors.some((a) => !a || a !== a.toLowerCase())) return false;
  return covered(parse(re), anchors, { i: re.flags.includes('i'), u: re.flags.includes('u') });
}

/**
 * Candidate anchor lists for `re` (for writing a rule's `need`): each a list every match must hold
 * one of, from single elements (words of an alternation) and runs of them.
 */
export function anchorCandidates(re: RegExp): string[][] {
  const f = { i: re.flags.includes('i'), u: re.flags.includes('u') };
  const out: string[][] = [];
  const need = (node: AST.Node): string[][] => {
    const fin = finite(node, f);
    const own = fin && ![...fin].some((x) => !x) ? [[...fin]] : [];
    switch (node.type) {
      case 'Group':
      case 'CapturingGroup':
      case 'Pattern': {
        // one candidate from each alternative, combined: the cheapest of each
        const per = node.alternatives.map(need);
        if (per.some((p) => !p.length)) return own;
        const pick = per.map((p) => p.reduce((a, b) => (a.length <= b.length ? a : b)));
        return [...own, pick.flat()];
      }
      case 'Quantifier':
        return node.min >= 1 ? [...own, ...need(node.element)] : own;
      case 'Alternative': {
        const c: string[][] = [...own];
        for (const e of node.elements) c.push(...need(e));
        return c;
      }
      default:
        return own;
    }
  };
  for (const c of need(parse(re))) {
    // drop anchors that contain another anchor: the shorter one is tested anyway
    const set = [...new Set(c)].filter((a) => a.trim());
    const min = set.filter((a) => !set.some((b) => b !== a && a.includes(b)));
    if (min.length && anchorsCover(re, min)) out.push(min);
  }
  return out;
}
