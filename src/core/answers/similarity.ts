/**
 * Question similarity for remembered answers: TF-IDF cosine over word tokens (English: lower
 * case, crude stems, stop words dropped) and character bigrams (Chinese), with a small lexicon
 * that maps the words customers use for one thing to one concept (ship / deliver / post;
 * Toronto → Canada), so "how long does delivery to Toronto take?" meets "Do you ship to Canada?".
 * Pure and small: it runs on the event loop over the store's answers, not on the NLP worker.
 */

const STOP = new Set(
  (
    'i me my we our you your it its is are was were be been do does did a an the to of in on for and or ' +
    'but at by with from this that can could would will should please hi hello hey thanks thank how what ' +
    'when where why who which have has had there here some any just get got am if so me us they them ' +
    'there their yes no not'
  ).split(' '),
);

/** Words (after lower-casing) → a shared concept token. */
const CONCEPTS: Record<string, string[]> = {
  ship: [
    'ship',
    'ships',
    'shipping',
    'shipped',
    'deliver',
    'delivers',
    'delivery',
    'delivered',
    'deliveries',
    'post',
    'postage',
    'mail',
    'courier',
    'dispatch',
    'dispatched',
    'send',
  ],
  canada: ['canada', 'canadian', 'toronto', 'vancouver', 'montreal', 'ottawa', 'calgary', 'edmonton'],
  usa: ['usa', 'america', 'american', 'states', 'york', 'california', 'texas', 'chicago'],
  uk: ['uk', 'britain', 'england', 'london', 'manchester', 'scotland'],
  australia: ['australia', 'sydney', 'melbourne', 'brisbane'],
  time: ['long', 'time', 'days', 'weeks', 'take', 'takes', 'soon', 'fast', 'quick', 'quickly'],
  cost: ['cost', 'costs', 'price', 'prices', 'much', 'fee', 'fees', 'charge', 'charges', 'expensive'],
  hours: ['open', 'opening', 'hours', 'close', 'closing', 'closed'],
  refund: ['refund', 'refunds', 'refunded', 'money'],
  return: ['return', 'returns', 'returned', 'exchange', 'exchanges'],
  book: ['book', 'booking', 'bookings', 'appointment', 'reserve', 'reservation', 'slot'],
  cancel: ['cancel', 'cancels', 'cancelled', 'canceled', 'cancellation'],
  cake: ['cake', 'cakes', 'birthday', 'celebration'],
  haircut: ['haircut', 'haircuts', 'trim', 'hair'],
  night: ['night', 'nights', 'emergency', 'emergencies', 'burst', 'overnight'],
  warranty: ['warranty', 'guarantee', 'guaranteed'],
  table: ['table', 'tables', 'group', 'groups', 'party'],
};
/** Concepts that say what a question is about count double; these (how long, how much) once. */
const GENERIC = new Set(['c:time', 'c:cost']);
const CONCEPT_OF = new Map<string, string>();
for (const [concept, words] of Object.entries(CONCEPTS))
  for (const w of words) CONCEPT_OF.set(w, `c:${concept}`);

/** Chinese words → the same concepts (found as substrings: Chinese has no spaces). */
const ZH_CONCEPTS: [string, string[]][] = [
  ['ship', ['寄', '发货', '快递', '运送', '邮寄', '运费']],
  ['takeaway', ['外卖', '送餐', '配送']],
  ['canada', ['加拿大', '多伦多', '温哥华', '蒙特利尔']],
  ['usa', ['美国', '纽约', '洛杉矶']],
  ['time', ['多久', '几天', '多长时间', '时间']],
  ['cost', ['多少钱', '价格', '费用', '收费', '运费']],
  ['hours', ['营业', '几点', '开门', '关门', '休息']],
  ['refund', ['退款', '退钱']],
  ['return', ['退货', '换货']],
  ['book', ['预约', '预订', '订位', '订桌']],
  ['cancel', ['取消']],
  ['cake', ['蛋糕']],
  ['haircut', ['理发', '剪发']],
  ['night', ['晚上', '夜间', '半夜', '紧急']],
  ['warranty', ['保修']],
  ['table', ['桌', '订位']],
];
const ZH_STOP = new Set(['你们', '我们', '请问', '一下', '可以', '什么', '怎么', '是不', '不是', '吗？']);

function stem(w: string): string {
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 4 && w.endsWith('es')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** Tokens of a question: concepts, English stems and Chinese character bigrams. */
export function questionTokens(text: string): string[] {
  const lower = text.normalize('NFKC').toLowerCase();
  const out: string[] = [];
  for (const w of lower.match(/[a-z][a-z'-]*/g) ?? []) {
    const word = w.replace(/'s$/, '');
    const concept = CONCEPT_OF.get(word);
    // A concept counts double: it is what the question is about, however it was worded.
    if (concept) out.push(...(GENERIC.has(concept) ? [concept] : [concept, concept]));
    else if (!STOP.has(word) && word.length > 1) out.push(stem(word));
  }
  for (const [concept, words] of ZH_CONCEPTS)
    if (words.some((w) => lower.includes(w)))
      out.push(...(GENERIC.has(`c:${concept}`) ? [`c:${concept}`] : [`c:${concept}`, `c:${concept}`]));
  for (const run of lower.match(/[\u3400-\u9fff]+/g) ?? []) {
    for (let i = 0; i + 2 <= run.length; i++) {
      const bigram = run.slice(i, i + 2);
      if (!ZH_STOP.has(bigram)) out.push(`z:${bigram}`);
    }
  }
  // Digits are how orders and prices differ; they say nothing about the question.
  return out;
}

type Vector = Map<string, number>;

function counts(tokens: string[]): Vector {
  const tf: Vector = new Map();
  for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
  return tf;
}

/** TF-IDF vectors over a small set of documents, compared by cosine. */
export class TfIdf {
  private readonly df = new Map<string, number>();
  private readonly vectors: Vector[];
  private readonly n: number;

  constructor(docs: string[][]) {
    this.n = docs.length;
    const tfs = docs.map(counts);
    for (const tf of tfs) for (const t of tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    this.vectors = tfs.map((tf) => this.weigh(tf));
  }

  get size(): number {
    return this.vectors.length;
  }

  private idf(t: string): number {
    // Smoothed, never zero: with one remembered answer every shared word still counts.
    return Math.log((1 + this.n) / (1 + (this.df.get(t) ?? 0))) + 1;
  }

  private weigh(tf: Vector): Vector {
    const v: Vector = new Map();
    for (const [t, n] of tf) v.set(t, (1 + Math.log(n)) * this.idf(t));
    return v;
  }

  /** Cosine similarity (0..1) of `tokens` with document `i`. */
  cosine(tokens: string[], i: number): number {
    const q = this.weigh(counts(tokens));
    const d = this.vectors[i];
    if (!d) return 0;
    let dot = 0;
    for (const [t, w] of q) dot += w * (d.get(t) ?? 0);
    const norm = (v: Vector) => Math.sqrt([...v.values()].reduce((a, w) => a + w * w, 0));
    const denom = norm(q) * norm(d);
    return denom > 0 ? dot / denom : 0;
  }
}
