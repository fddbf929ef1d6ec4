/**
 * Which natural language a resume is written in, by the share of each language's commonest function words.
 * Cheap and good enough to tell an English resume from a Spanish or German one, which is all the rules need:
 * they are written for English, so a non-English resume gets a warning instead of confident junk.
 */

const STOPWORDS: Record<string, ReadonlySet<string>> = {
  en: set('the and of to in for with on at by from as is are was were be been this that have has an or our my i we'),
  es: set('el la los las de del y en con por para un una es son al lo como se su sus que más o experiencia'),
  fr: set('le la les de des du et en avec pour un une est sont au aux dans par sur que qui ce cette expérience'),
  de: set('der die das und in mit für von zu den dem ein eine ist sind im auf bei als auch nicht aus berufserfahrung'),
  pt: set('o a os as de do da dos das e em com para um uma é são no na nos nas por que experiência'),
  it: set('il lo la gli le di del della e in con per un una è sono nel nella al alla che esperienza'),
  nl: set('de het een en van in met voor op te is zijn bij als aan ook niet uit werkervaring'),
};

function set(words: string): ReadonlySet<string> {
  return new Set(words.split(' '));
}

const NAMES: Record<string, string> = {
  es: 'Spanish',
  fr: 'French',
  de: 'German',
  pt: 'Portuguese',
  it: 'Italian',
  nl: 'Dutch',
};

const MIN_WORDS = 30;

export interface DetectedLanguage {
  /** ISO 639-1 code, or null when the text is too short to tell. */
  code: string | null;
  /** Set when the resume is not in English. */
  warning: string | null;
}

export function detectLanguage(text: string): DetectedLanguage {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < MIN_WORDS) return { code: null, warning: null };
  const hits: Record<string, number> = {};
  for (const code of Object.keys(STOPWORDS)) hits[code] = 0;
  for (const w of words) {
    for (const [code, list] of Object.entries(STOPWORDS)) if (list.has(w)) hits[code]! += 1;
  }
  const ranked = Object.entries(hits).sort((a, b) => b[1] - a[1]);
  const [bestCode, bestHits] = ranked[0]!;
  const english = hits.en ?? 0;
  // Many function words are shared ("de", "in", "a"): another language must clearly beat English.
  if (bestCode === 'en' || bestHits < english * 1.3 || bestHits < words.length * 0.04) return { code: 'en', warning: null };
  return {
    code: bestCode,
    warning: `The resume looks ${NAMES[bestCode] ?? bestCode} (${bestCode}); the local parser's rules are written for English, so fields may be missing or incomplete.`,
  };
}
