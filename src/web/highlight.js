// Where each parsed value occurs in the resume text: ranges for <mark>, and a flat list of what was parsed.

/**
 * The values a person checks a parse by, as {kind, label, value, note}. `value` is what the text should
 * contain: a skill's surface form, with its canonical name as the note when they differ.
 */
export function parsedValues(resume) {
  const out = [];
  const add = (kind, label, value, note = null) => {
    if (typeof value === 'string' && value.trim()) out.push({ kind, label, value: value.trim(), note });
  };
  const c = resume.contact;
  add('contact', 'Name', c.name);
  for (const e of c.emails) add('contact', 'E-mail', e);
  for (const p of c.phones) add('contact', 'Phone', p);
  add('contact', 'Location', c.location);
  for (const l of c.links) add('contact', 'Link', l);
  add('headline', 'Headline', resume.headline);
  for (const s of resume.skills) add('skill', 'Skill', s.surface || s.name, s.surface && s.surface !== s.name ? s.name : null);
  for (const x of resume.experience) {
    add('experience', 'Job title', x.title);
    add('experience', 'Company', x.company);
  }
  for (const e of resume.education) {
    add('education', 'Degree', e.degree);
    add('education', 'Institution', e.institution);
  }
  for (const cert of resume.certifications) add('other', 'Certification', cert.name);
  for (const lang of resume.languages) add('other', 'Language', lang.name);
  return out;
}

const MAX_HITS_PER_VALUE = 20;

/**
 * Non-overlapping ranges, in text order, where the values occur (case-insensitive). Longer values claim their
 * text first, so "Java" never cuts a "JavaScript" already marked.
 */
export function findRanges(text, values) {
  const lower = text.toLowerCase();
  const taken = [];
  const overlaps = (start, end) => taken.some((r) => start < r.end && end > r.start);
  const byLength = [...values].sort((a, b) => b.value.length - a.value.length);
  for (const v of byLength) {
    if (v.value.length < 2) continue;
    const needle = v.value.toLowerCase();
    let from = 0;
    for (let hits = 0; hits < MAX_HITS_PER_VALUE; ) {
      const start = lower.indexOf(needle, from);
      if (start < 0) break;
      const end = start + needle.length;
      if (!overlaps(start, end)) {
        taken.push({ start, end, kind: v.kind, label: v.label });
        hits++;
      }
      from = end;
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}
