import type { ResumeFields } from '../../domain/index.js';

/**
 * Grounding: every string the parser returns must occur in the source text (case-insensitive, whitespace
 * collapsed). Rules build values from pieces of lines, so this is a safety net: a value that does not occur is
 * dropped rather than returned. Canonical skill names are exempt; their surface form must occur instead.
 */

/** The comparable form of a text: lower case, invisible and separator glyphs removed, whitespace collapsed. */
export function groundingKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad\ufffc]/g, '')
    // Separator glyphs (control characters, icon fonts) become " | " in lines; neither counts here.
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is matched
    .replace(/[\u0000-\u001f\u007f-\u009f\ue000-\uf8ff\u00a0|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export class Grounding {
  private readonly source: string;

  constructor(text: string) {
    this.source = groundingKey(text);
  }

  /** Multi-line values (descriptions, summaries) are checked line by line: lines may be apart in the source. */
  has(value: string): boolean {
    const lines = value.split('\n').map(groundingKey).filter((k) => k !== '');
    return lines.length > 0 && lines.every((k) => this.source.includes(k));
  }

  /** The value when it occurs in the source, else null. */
  keep(value: string | null): string | null {
    return value !== null && this.has(value) ? value : null;
  }
}

/** Fields with every ungrounded string removed (nullable strings become null, list items are dropped). */
export function groundFields(fields: ResumeFields, grounding: Grounding): { fields: ResumeFields; dropped: number } {
  let dropped = 0;
  const keep = (v: string | null): string | null => {
    const kept = grounding.keep(v);
    if (v !== null && kept === null) dropped++;
    return kept;
  };
  const keepAll = (values: string[]): string[] => values.filter((v) => keep(v) !== null);
  const result: ResumeFields = {
    contact: {
      name: keep(fields.contact.name),
      emails: keepAll(fields.contact.emails),
      phones: keepAll(fields.contact.phones),
      location: keep(fields.contact.location),
      links: keepAll(fields.contact.links),
    },
    headline: keep(fields.headline),
    summary: keep(fields.summary),
    skills: fields.skills.filter((s) => keep(s.surface) !== null),
    experience: fields.experience.map((e) => ({
      ...e,
      title: keep(e.title),
      company: keep(e.company),
      location: keep(e.location),
      description: keep(e.description),
      highlights: keepAll(e.highlights),
    })),
    education: fields.education.map((e) => ({
      ...e,
      degree: keep(e.degree),
      field: keep(e.field),
      institution: keep(e.institution),
    })),
    certifications: fields.certifications
      .filter((c) => keep(c.name) !== null)
      .map((c) => ({ ...c, issuer: keep(c.issuer) })),
    languages: fields.languages
      .filter((l) => keep(l.name) !== null)
      .map((l) => ({ ...l, proficiency: keep(l.proficiency) })),
  };
  return { fields: result, dropped };
}
