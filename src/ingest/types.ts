export type DocumentFormat = 'pdf' | 'docx' | 'text' | 'markdown';

export interface IngestOptions {
  /** Bytes; default 10 MB. */
  maxBytes?: number;
  /** Default 20. */
  maxPages?: number;
}

export interface IngestedDocument {
  format: DocumentFormat;
  /** Plain text in reading order, one visual line per line, blank line between blocks/columns. */
  text: string;
  pages: number | null;
  warnings: string[];
}
