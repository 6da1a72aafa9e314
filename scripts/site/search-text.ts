/**
 * What search reads, shared by the index build (search-index.ts) and the
 * search box in the browser (client/search-engine.js), so both cut text into
 * the same terms: Latin words and numbers lowercased and with accents
 * dropped; Chinese (and other CJK) text, written without spaces, as
 * overlapping pairs of characters ("损失函数" → 损失 失函 函数), the usual way
 * to index it without a dictionary; a lone CJK character stays one term.
 */

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]/u;
const TERM = /[\u2e80-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]+|[\p{L}\p{N}]+/gu;

/** True when the term is CJK (matched as a whole, never as a prefix or with typos). */
export function isCjkTerm(term: string): boolean {
  return CJK.test(term);
}

/** The search terms of a text. */
export function searchTerms(text: string): string[] {
  const terms: string[] = [];
  const normalised = text.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase();
  for (const match of normalised.matchAll(TERM)) {
    const run = match[0];
    if (!isCjkTerm(run)) {
      terms.push(run);
      continue;
    }
    const characters = Array.from(run);
    if (characters.length === 1) terms.push(run);
    for (let index = 0; index + 1 < characters.length; index++) terms.push(characters[index] + characters[index + 1]);
  }
  return terms;
}
