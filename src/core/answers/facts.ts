/**
 * Facts the owner teaches with `/cs learn` ("Shipping to Canada takes 5–8 days and costs $12"):
 * kept in the knowledge base the drafter already searches (src/nlp/learned-facts.ts writes
 * them to DATA_DIR/knowledge), so the drafter picks them up without a restart.
 */
export interface LearnedFact {
  id: string;
  text: string;
  language: string;
}

export interface FactBook {
  list(): Promise<LearnedFact[]>;
  add(text: string, language: string): Promise<LearnedFact>;
  /** False when there is no such fact. */
  edit(id: string, text: string): Promise<boolean>;
  remove(id: string): Promise<boolean>;
}
