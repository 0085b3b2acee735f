/**
 * Short Latin-script messages ("Où est ma commande ?", "Quero devolver") are too short for
 * franc's trigrams (it read short French as Portuguese and short Spanish as Galician or
 * Catalan). A person recognises them by their function words and their letters: these lists are
 * the frequent words of each language that are rare as words elsewhere, plus the vocabulary of
 * support messages, and the letters only one language uses.
 */

export const WORDS: Record<string, string> = {
  es:
    'el la los las del que y en una por para con mi mis te se es está están estoy soy pedido pedidos gracias hola ' +
    'quiero quisiera necesito puedo pueden puede cuánto cuanto cuesta dónde donde cómo como cuándo tienen tiene ' +
    'factura envío envio llegó llego roto rota cuenta cancelar devolver devolución cobraron cobro veces domingo ' +
    'talla muchas muchos buenas buenos favor todavía ya ayuda producto paquete funciona hay pero muy bien también ' +
    'ustedes usted su sus esto esta este cuando problema llamar abren entrar reembolso compra tienda precio',
  fr:
    'le la les des du et je vous nous mon ma mes est sont merci bonjour bonsoir commande commandes livraison colis ' +
    'remboursement voudrais veux annuler combien coûte coute où ça marche cassé cassée avez pouvez peux ' +
    "c'est n'est j'ai très beaucoup pas une pour avec sur dans mais aussi quand toujours reçu arrivé arrivée " +
    "livrez rembourser appeler connecter problème compte facture modèle stock s'il plaît svp oui non question " +
    "qu'est quoi fonctionne débité deux fois aujourd'hui demain",
  de:
    'der die das und ist nicht ich sie mich mir mein meine meinen bitte danke vielen wo was wie kann können ' +
    'haben habe bestellung paket versand rechnung kaputt anmelden lager zurückgeben zweimal stornieren alles ' +
    'super dank liefern lieferung geld zurück noch immer nach mit auf für ein eine einen wann warum hallo guten tag ' +
    'funktioniert abgebucht artikel frage kosten kostet heute morgen schon nur sehr gut hilfe konto',
  pt:
    'os as do da dos das em um uma com não nao meu minha você vocês voce obrigado obrigada onde pedido quero ' +
    'recebi pacote entregam quanto custa frete fui cobrado duas vezes podem ligar chegou quebrado consigo conta ' +
    'tem esse essa estoque preciso nota tudo certo compra olá ola oi bom dia boa tarde ainda já produto ' +
    'cancelar devolver reembolso ajuda funciona está estou muito também quando porque entrega',
  it:
    'il gli che non per sono grazie ciao buongiorno ordine dove quanto costa spedizione rimborso voglio vorrei ' +
    'posso potete avete è della dello degli mio mia pacco arrivato rotto funziona annullare fattura',
  nl:
    'het een en is niet ik mijn wij jullie bestelling pakket waar wanneer hoeveel kost verzending terug ' +
    'betaald dank bedankt graag alstublieft kapot werkt niet annuleren factuur hallo goedemiddag',
};

/** Letters that point to one language (or two) in a short text. */
export const LETTERS: [RegExp, Record<string, number>][] = [
  [/[ñ¿¡]/, { es: 2 }],
  [/[ãõ]/, { pt: 2 }],
  [/ç/, { fr: 1, pt: 1 }],
  [/[èêëàâîïôûùœ]/, { fr: 1.5 }],
  [/ß/, { de: 2 }],
  [/[äöü]/, { de: 1.5 }],
];

const LANGS = Object.keys(WORDS);
/** Each word's languages (as indexes into LANGS): one look-up per word instead of one per language. */
const LANGS_OF = new Map<string, number[]>();
LANGS.forEach((lang, i) => {
  for (const w of (WORDS[lang] as string).split(' ')) {
    const list = LANGS_OF.get(w) ?? [];
    if (!list.includes(i)) list.push(i);
    LANGS_OF.set(w, list);
  }
});

/** Per-language evidence for lower-cased Latin words and the raw text. */
export function latinScores(words: string[], text: string): Record<string, number> {
  const counts = new Array<number>(LANGS.length).fill(0);
  // each distinct word once; most words are in no list, so only listed ones are remembered
  const seen = new Set<string>();
  for (const w of words) {
    const langs = LANGS_OF.get(w);
    if (!langs || seen.has(w)) continue;
    seen.add(w);
    for (const i of langs) counts[i]!++;
  }
  // keys in the languages' order, as the scores have always been listed (ties sort by it)
  const scores: Record<string, number> = {};
  LANGS.forEach((lang, i) => {
    if (counts[i]) scores[lang] = counts[i] as number;
  });
  // Every letter below is outside ASCII, and lower-casing keeps ASCII text ASCII: a plain-ASCII
  // text (most English) has none of them.
  if (!/[\u0080-\uffff]/.test(text)) return scores;
  const lower = text.toLowerCase();
  for (const [re, add] of LETTERS)
    if (re.test(lower)) for (const [lang, w] of Object.entries(add)) scores[lang] = (scores[lang] ?? 0) + w;
  return scores;
}
