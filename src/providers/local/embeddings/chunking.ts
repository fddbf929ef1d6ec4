/**
 * Turns a text of any length into a bounded list of token-id chunks for a sentence encoder.
 *
 * Universal Sentence Encoder lite was trained on sentences and short paragraphs and is a transformer whose
 * cost grows with the square of the input length, so a 2,000-word job description is neither what it is good
 * at nor cheap. We split the text into sentence-like pieces, pack consecutive pieces into chunks of at most
 * `maxTokensPerChunk` tokens, and keep the first `maxChunks` chunks; the caller embeds each chunk and
 * averages. Pieces are tokenised one at a time and tokenising stops once the budget is full, so the
 * tokeniser (quadratic in its input length) never sees more than one bounded piece of a huge text.
 */

export interface ChunkLimits {
  maxTokensPerChunk: number;
  maxChunks: number;
}

/** A sentence without punctuation (a pasted keyword list, say) is cut after this many words. */
const MAX_WORDS_PER_PIECE = 48;

/** Collapses all whitespace runs (line breaks, tabs, non-breaking spaces) to one space and trims. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/**
 * Sentence-like pieces: split at line breaks, bullet characters and sentence-ending punctuation followed by
 * whitespace, then cut over-long pieces by word count. Whitespace inside each piece is normalised (the
 * SentencePiece tokeniser only treats plain spaces as word boundaries).
 */
export function splitIntoPieces(text: string): string[] {
  const pieces: string[] = [];
  for (const part of text.split(/[\r\n\u2022\u25AA\u25CF\u2023\u2043]+|(?<=[.!?;])\s+/u)) {
    const words = normalizeWhitespace(part).split(' ').filter((w) => w !== '');
    for (let i = 0; i < words.length; i += MAX_WORDS_PER_PIECE) {
      pieces.push(words.slice(i, i + MAX_WORDS_PER_PIECE).join(' '));
    }
  }
  return pieces;
}

/**
 * Greedily packs the token ids of consecutive pieces into chunks. A piece longer than a whole chunk is split
 * across chunks. Returns no chunks for a blank text.
 */
export function chunkTokens(text: string, tokenize: (piece: string) => number[], limits: ChunkLimits): number[][] {
  const { maxTokensPerChunk, maxChunks } = limits;
  const chunks: number[][] = [];
  let current: number[] = [];
  const budgetFull = () => chunks.length === maxChunks;
  for (const piece of splitIntoPieces(text)) {
    let ids = tokenize(piece);
    while (ids.length > 0 && !budgetFull()) {
      if (current.length + ids.length <= maxTokensPerChunk) {
        current.push(...ids);
        ids = [];
      } else if (current.length > 0) {
        chunks.push(current);
        current = [];
      } else {
        chunks.push(ids.slice(0, maxTokensPerChunk));
        ids = ids.slice(maxTokensPerChunk);
      }
    }
    if (budgetFull()) return chunks;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
