/**
 * Constraints between parameters, e.g. "n1 < n2" or "n2 >= 2 * n1": comparisons of
 * arithmetic over parameter names and numbers, joined by `and` / `or` (`&&`, `||`),
 * parenthesized as needed. Parsed into a closure (never eval'd): a combination that
 * fails a constraint is not run at all (backtesting.py's `constraint`).
 */
import type { ParamValue } from '../../engine/strategy';

export type Constraint = (combo: Readonly<Record<string, ParamValue>>) => boolean;

type Num = (p: Readonly<Record<string, ParamValue>>) => number;
type Token = { kind: 'num'; value: number } | { kind: 'name'; value: string } | { kind: 'op'; value: string };

const COMPARISONS = ['<=', '>=', '==', '!=', '<', '>'];

/** Parses one constraint; `names` are the strategy's parameters (others are an error). */
export function parseConstraint(text: string, names: readonly string[]): Constraint {
  const tokens = tokenize(text);
  let pos = 0;
  const fail = (msg: string): never => {
    throw new Error(`constraint "${text}": ${msg}`);
  };
  const peek = (): Token | undefined => tokens[pos];
  const isOp = (v: string): boolean => peek()?.kind === 'op' && peek()?.value === v;

  const orExpr = (): Constraint => {
    let left = andExpr();
    while (isOp('||')) {
      pos++;
      const l = left, r = andExpr();
      left = (p) => l(p) || r(p);
    }
    return left;
  };
  const andExpr = (): Constraint => {
    let left = comparison();
    while (isOp('&&')) {
      pos++;
      const l = left, r = comparison();
      left = (p) => l(p) && r(p);
    }
    return left;
  };
  const comparison = (): Constraint => {
    // A parenthesized condition, or arithmetic compared with arithmetic.
    const save = pos;
    if (isOp('(')) {
      pos++;
      try {
        const inner = orExpr();
        if (isOp(')')) {
          pos++;
          const t = peek();
          if (!(t?.kind === 'op' && (COMPARISONS.includes(t.value) || ['+', '-', '*', '/'].includes(t.value)))) return inner;
        }
      } catch {
        // not a condition in parentheses: read it as arithmetic below
      }
      pos = save;
    }
    const left = sum();
    const t = peek();
    if (!(t?.kind === 'op' && COMPARISONS.includes(t.value))) fail(`expected a comparison (${COMPARISONS.join(' ')}) ${t ? `before "${t.value}"` : 'at the end'}`);
    pos++;
    const right = sum();
    const op = (t as Token).value;
    switch (op) {
      case '<': return (p) => left(p) < right(p);
      case '<=': return (p) => left(p) <= right(p);
      case '>': return (p) => left(p) > right(p);
      case '>=': return (p) => left(p) >= right(p);
      case '==': return (p) => left(p) === right(p);
      default: return (p) => left(p) !== right(p);
    }
  };
  const sum = (): Num => {
    let left = product();
    while (isOp('+') || isOp('-')) {
      const op = (peek() as Token).value;
      pos++;
      const l = left, r = product();
      left = op === '+' ? (p) => l(p) + r(p) : (p) => l(p) - r(p);
    }
    return left;
  };
  const product = (): Num => {
    let left = unary();
    while (isOp('*') || isOp('/')) {
      const op = (peek() as Token).value;
      pos++;
      const l = left, r = unary();
      left = op === '*' ? (p) => l(p) * r(p) : (p) => l(p) / r(p);
    }
    return left;
  };
  const unary = (): Num => {
    if (isOp('-')) {
      pos++;
      const inner = unary();
      return (p) => -inner(p);
    }
    const t = peek();
    if (!t) return fail('ends too early');
    pos++;
    if (t.kind === 'num') return () => t.value;
    if (t.kind === 'name') {
      if (!names.includes(t.value)) fail(`unknown parameter "${t.value}" (parameters: ${names.join(', ')})`);
      const name = t.value;
      return (p) => {
        const v = p[name];
        return typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);
      };
    }
    if (t.value === '(') {
      const inner = sum();
      if (!isOp(')')) fail('missing ")"');
      pos++;
      return inner;
    }
    return fail(`unexpected "${t.value}"`);
  };

  const result = orExpr();
  if (pos < tokens.length) fail(`unexpected "${tokens[pos].value}"`);
  return result;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?(?:e[+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(<=|>=|==|!=|&&|\|\||[<>+\-*/()]))/y;
  let i = 0;
  while (i < text.length) {
    if (/^\s*$/.test(text.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) throw new Error(`constraint "${text}": cannot read "${text.slice(i).trim()}"`);
    i = re.lastIndex;
    if (m[1] !== undefined) out.push({ kind: 'num', value: Number(m[1]) });
    else if (m[2] !== undefined) {
      const w = m[2].toLowerCase();
      if (w === 'and') out.push({ kind: 'op', value: '&&' });
      else if (w === 'or') out.push({ kind: 'op', value: '||' });
      else out.push({ kind: 'name', value: m[2] });
    } else out.push({ kind: 'op', value: m[3] });
  }
  if (out.length === 0) throw new Error('constraint is empty');
  return out;
}
