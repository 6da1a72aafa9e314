/** MiniSearch's options, the same when building the index (search-index.ts) and loading it (client/search-engine.js). */
import { searchTerms } from "./search-text";

export const SEARCH_OPTIONS = {
  fields: ["title", "text"],
  storeFields: ["url", "page", "title"],
  tokenize: searchTerms,
  // searchTerms already lowercases and cuts CJK into pairs: keep its terms as they are.
  processTerm: (term: string) => term,
};
