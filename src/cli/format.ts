import type { ParsedResume } from '../domain/index.js';

/** A human summary of one parse, for `jobmatch parse --format summary`. */
export function formatResumeSummary(label: string, resume: ParsedResume, extra: string): string {
  const c = resume.contact;
  const lines = [`${label}  (${extra})`];
  const row = (k: string, v: string | null | undefined) => {
    if (v) lines.push(`  ${k.padEnd(10)} ${v}`);
  };
  row('Name', c.name);
  row('Email', c.emails.join(', '));
  row('Phone', c.phones.join(', '));
  row('Location', c.location);
  row('Links', c.links.join(', '));
  const years = Math.floor(resume.totalExperienceMonths / 12);
  const months = resume.totalExperienceMonths % 12;
  lines.push(`  Experience ${resume.experience.length} role(s), ${years} y ${months} m in total`);
  for (const e of resume.experience) {
    const when = `${e.start ?? '?'} – ${e.current ? 'present' : (e.end ?? '?')}`;
    lines.push(`    ${when.padEnd(20)} ${[e.title, e.company].filter(Boolean).join(', ')}`);
  }
  if (resume.education.length > 0) lines.push('  Education');
  for (const e of resume.education) {
    const what = [e.degree, e.institution].filter(Boolean).join(' — ');
    lines.push(`    ${what}${e.graduationYear ? ` (${e.graduationYear})` : ''}`);
  }
  if (resume.skills.length > 0) lines.push(`  Skills (${resume.skills.length}) ${resume.skills.map((s) => s.name).join(', ')}`);
  row('Certs', resume.certifications.map((x) => x.name).join(', '));
  row('Languages', resume.languages.map((l) => (l.proficiency ? `${l.name} (${l.proficiency})` : l.name)).join(', '));
  if (resume.meta.warnings.length > 0) lines.push(`  Warnings   ${resume.meta.warnings.join('; ')}`);
  return lines.join('\n');
}
