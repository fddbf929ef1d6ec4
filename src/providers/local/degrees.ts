import type { DegreeLevel } from '../../domain/index.js';

/**
 * Degree forms (written out, abbreviated, bare two-letter) and where a text names one. On its own so section
 * detection can ask "is this a degree?" without importing the education parser (which imports sections).
 */

interface DegreePattern {
  re: RegExp;
  level: DegreeLevel;
}

// Written-out degrees: any case.
const WORD_DEGREES: DegreePattern[] = [
  { re: /\b(?:doctor(?:ate)?\s+(?:of|in)\s+\p{L}+|doctorate|juris\s+doctor|ph\.?\s?d\.?(?=\W|$)|d\.\s?phil\.?)/iu, level: 'doctorate' },
  // "Degree of Master of Science", "Degree of Bachelor of Education": the formal name opens with "Degree of".
  // Degrees named in their own language count too: Italian "Laurea (Magistrale)", Spanish "Licenciatura",
  // French "Licence en Droit" and "Diplôme", German "Diplom-Ingenieur".
  { re: /\b(?:degree\s+of\s+)?master(?:\\?\s?['‘’]\s?s|s)?\s+(?:of|in|degree|program(?:me)?|[12](?=\s+[A-ZÀ-Ý]))\b|\bmasters\b|\bpost[- ]?graduate\s+degree\b|\blaurea\s+(?:magistrale|specialistica)\b|\bdiplom-ingenieur\b/i, level: 'master' },
  { re: /\b(?:degree\s+of\s+)?bachelor(?:\\?['‘’]?s)?\b|\bundergraduate\s+degree\b|\bg(?<!post[- ]?g)raduat(?:e|ion)\s+in\s+(?=\p{L})|\b(?:laurea|licenciatura|licenciado)\b|\blicence\s+(?:in|en|of|[èe]s)\s+(?=\p{L})/iu, level: 'bachelor' },
  { re: /\bpost[- ]?graduat(?:e|ion)\s+(?:degree\s+)?in\s+(?=\p{L})/iu, level: 'master' },
  // "Graduate Courses in Education, X University": graduate study that led to no degree named.
  { re: /\b[Dd]egree\s+in\s+(?=\p{Lu})|\b[Gg]raduate\s+(?:[Ss]tudies|[Cc]ourse(?:work|s))\s+in\s+(?=\p{Lu})/u, level: 'other' },
  // Education Specialist (Ed.S.), the degree between a master's and a doctorate, written out. Only with its
  // field or abbreviation after it: "Education Specialist, Hillside School" is a job.
  { re: /\beducation(?:al)?\s+specialist(?=\s*[-–(]|\s+(?:in|degree)\b)/i, level: 'other' },
  { re: /\bassociate(?:'?s)?\s+(?:of|in|degree)\b/i, level: 'associate' },
  { re: /\b(?:(?:post[- ]?graduate|higher\s+national|advanced|national)\s+)?diploma(?:do)?\b|\bdipl[oô]me(?!\p{L})/iu, level: 'diploma' },
  // Brazil's vocational "Técnico em Informática", Québec's college diploma "DEC in Natural Science".
  { re: /\b[Tt][ée]cnico\s+em\s+(?=\p{L})|(?<![\w.])DEC(?=\s+(?:in|en)\s)/u, level: 'diploma' },
  // British levels open the name: "Level 3 Diploma in Professional Cookery" (earlier, so it wins over "Diploma").
  { re: /\blevel\s+\d\s+(?:extended\s+)?diploma\b/i, level: 'diploma' },
  // Australian "Certificate IV in Retail Management" numbers the level.
  { re: /\b(?:graduate\s+)?certificate\s+(?:I{1,3}V?\s+|IV\s+)?(?:in|of)\b/i, level: 'certificate' },
  // The school-leaving examinations: French "Baccalauréat", German "Abitur", Singapore's "GCE 'A' Levels",
  // South Africa's "National Senior Certificate", New Zealand's "NCEA Level 2", Pakistan's "Matric",
  // Scotland's "Highers", Ireland's "Leaving Certificate" and "Junior Certificate", Nigeria's "First School
  // Leaving Certificate", Egypt's "General Secondary Education Certificate", Malaysia's SPM and STPM.
  { re: /\b(?:baccalaur[ée]at|abitur|international\s+baccalaureate)\b|\bGCE\s+['‘’]?[AO]['‘’]?\s*[- ]?levels?\b|['‘’][AO]['‘’]\s*[- ]?levels?\b|\bnational\s+senior\s+certificate\b|\bNCEA\s+level\s+\d\b|\bmatric\b|^(?:advanced\s+)?highers\b|\bhigh\s+school\s+(?:diploma|certificate|graduate)\b|\b(?:higher|senior)\s+secondary(?:\s+school)?\s+(?:certificate|education|examination)\b|\b(?:senior\s+)?secondary\s+school\s+certificate\b|\bsenior\s+school\s+certificate\b|\bG\.?E\.?D\.?\b|\bGCSEs?\b|\bA[- ]levels?\b|\bmatriculation\b|\b(?:HSC|SSC|SSLC)\b|\b(?:first\s+)?(?:school\s+)?leaving\s+cert(?:ificate)?\b|\bjunior\s+certificate\b|\bgeneral\s+secondary\s+(?:education\s+)?certificate\b/i, level: 'high-school' },
  { re: /(?<![\w.])(?:SPM|STPM)(?![\w])/, level: 'high-school' },
  // Pakistan's "Intermediate (F.Sc. Pre-Engineering)", the two years after Matric, when it opens the line.
  { re: /^intermediate\b(?=\s*(?:\(|[-–—:,]|in\s|$))/i, level: 'high-school' },
  // Indian school years: "Class XII (CBSE)", "Class 10", "12th Standard", and "12th (MPC)" or "10th" opening a
  // line or a table cell.
  { re: /\bClass\s+(?:XII|X|10|12)(?:th)?\b|\b(?:10|12)th\s+(?:standard|std|grade)\b|(?<=^|\|\s{0,3})(?:10|12)th\b(?=\s*(?:\(|[|,:–—-]|$))/, level: 'high-school' },
];

// Abbreviations: exact case, optional dots, so "MS Word", "Boston, MA" and the word "as" stay out.
const ABBREVIATIONS: DegreePattern[] = [
  // "P.hD" is a common slip for "Ph.D."; DDS, DVM and DMD are the doctorates of dentistry and veterinary medicine.
  { re: /(?<![\w.])(?:Ph\.\s?D\.?|PhD|PHD|Ed\.\s?D\.?|ED\.D\.|EdD|Psy\.?D\.?|Pharm\.?D\.?|D\.B\.A\.|DBA|DNP|M\.D\.|J\.D\.|JD|P\.hD\.?|D\.D\.S\.|DDS|D\.V\.M\.|DVM|D\.M\.D\.|DMD)(?![\w])/, level: 'doctorate' },
  // Majors written into the abbreviation ("BSEE", "MSCS", "B.S.N."), professional and Indian forms ("B.Pharm",
  // "MBBS", "BBM", "M.Arch", "M.E." before its field or school).
  { re: /(?<![\w.])(?:M\.?B\.?A\.?|M\.\s?Sc\.?|MSc\.?|MSC|Msc|MASc|M\.A(?=\s+[A-Z])|M\.\s?Tech\.?|M\.\s?TECH|M\.\s?SC\.?|M\.\s?S\.(?:S\.W\.|Ed\.)?|M\.\s?A\.|M\.\s?Ed\.?|M\.ED\.|MEd|M\.?Eng\.?|M\.?Tech\.?|M\.?Phil\.?|MFA|MPA|MPH|MSW|MSN|M\.L\.S\.|MLS|LL\.?M\.?|MCA|M\.?Com\.?|MAT|MIS|MS(?:EE|ME|CE|CS|IT|IS|BA|ChE)|M\.S\.N\.|M\.?\s?Pharm\.?|M\.?Des\.?|M\.?Arch\.?|MHA|MPP|M\.P\.H\.|M\.P\.A\.|EMBA|Dipl\.-Ing\.|M\.E\.(?=\s*[,(]|\s+(?:in|of)\s))(?![\w])/, level: 'master' },
  { re: /(?<![\w.])(?:B\.\s?Sc\.?|BSc\.?|BSC|Bsc|BASc\.?|B\.\s?Tech\.?|B\.\s?TECH|B\.\s?SC\.?|B\.\s?E\.?(?=\s*[(,]|\s+(?:in|of|from)\s|\s+[A-Z]|\s*$)|B\.A(?=\s+[A-Z])|BE(?=\s*\()|B\.\s?S\.(?:Ed\.|W\.)?|B\.\s?A\.|B\.?Tech\.?|B\.E\.|B\.?Eng\.?|BBA|B\.B\.A\.|B\.?Com\.?|BCA|BFA|B\.?Ed\.?|BSW|BSN|B\.Arch\.?|LL\.?B\.?|BCL|B\.C\.L\.|A\.B\.|BS(?:EE|ME|CE|CS|IT|IS|BA|ChE)|B\.S\.B\.A\.|B\.S\.N\.|B\.?\s?Pharm\.?|M\.?B\.?B\.?S\.?|MB\s?Ch\.?B\.?|MBBCh|BMBS|B\.?D\.?S\.?(?=\s*[,(]|\s+(?:in|from)\s)|BBM|BAppSc|B\.App\.Sc\.?|BComm|BNurs|B\.?Des\.?)(?![\w])/, level: 'bachelor' },
  // British postgraduate teaching and graduate certificates: "PGCE Secondary Mathematics", "PGCert".
  { re: /(?<![\w.])(?:PGCE|PGDE|PGCert)(?![\w])/, level: 'certificate' },
  // Teaching and graduate diplomas ("DipEd", "Grad Dip"), Indian postgraduate diplomas (PGDM, PGDBA, PGDCA).
  { re: /(?<![\w.])(?:Dip\.?\s?Ed\.?|Grad\.?\s?Dip\.?|PGD(?:M|BA|CA|BM|HRM))(?![\w])/, level: 'diploma' },
  { re: /(?<![\w.])(?:A\.A\.S\.|A\.A\.|A\.S\.|AAS)(?![\w])/, level: 'associate' },
  // Pakistan's higher secondary certificates: "F.Sc. Pre-Medical", "I.Com", "HSSC".
  { re: /(?<![\w.])(?:F\.\s?Sc\.?|FSc|I\.\s?Com\.?|HSSC)(?![\w])/, level: 'high-school' },
  // British vocational and higher national qualifications: "HND Business IT", "NVQ Level 3 in Retailing" (SVQ
  // in Scotland),
  // "GNVQ Advanced Information Technology", "BTEC National Diploma", "FdA Early Years".
  // French two-year diplomas after the baccalauréat: "BTS Design Graphique", "DUT Informatique".
  { re: /(?<![\w.])(?:HND|HNC|G?NVQ|SVQ|BTEC|FdA|FdSc|FdEng|FDeg|BTS|DUT)(?![\w])(?=\s*(?:$|[-–—(,:]|(?:level\s+)?\d\b|in\s|\p{Lu}))/u, level: 'diploma' },
  // Education Specialist, the degree between a master's and a doctorate.
  { re: /(?<![\w.])(?:Ed\.\s?S\.|EdS)(?![\w])/, level: 'other' },
];

// Bare two-letter forms count only when a field or "in"/"of" follows, or they open the line.
const BARE_ABBREVIATIONS: DegreePattern[] = [
  { re: /(?<![\w.,] ?)(?:MS|MA)(?=\.?(?:\s+(?:in|of)\s|\s*,?\s+\p{Lu}\p{Ll}|\s*\())(?!\s+(?:Word|Excel|Office|Access|Project|PowerPoint|Outlook|Visio|SQL|Dynamics|Windows|Teams|Paint|Publisher|DOS))/u, level: 'master' },
  { re: /(?<![\w.,] ?)(?:BS|BA|BE|AB)(?=\.?(?:\s+(?:in|of)\s|\s*,?\s+\p{Lu}\p{Ll}|\s*\())/u, level: 'bachelor' },
  // "BS - Behavioral Science", "MA – History": a dash between the abbreviation and its field, at the line's start.
  { re: /^(?:MS|MA)(?=\.?\s+[-–—]\s+\p{Lu}\p{Ll})/u, level: 'master' },
  { re: /^(?:BS|BA|BE)(?=\.?\s+[-–—]\s+\p{Lu}\p{Ll})/u, level: 'bachelor' },
  { re: /^(?:MS|MA|BS|BA)\.?$/u, level: 'other' },
  // In prose ("graduate with BS in Computer Science") "in" and a capitalised field make the abbreviation safe.
  { re: /(?<![\w.])(?:MS|MA|ME)(?=\s+in\s+\p{Lu})/u, level: 'master' },
  { re: /(?<![\w.])(?:BS|BA)(?=\s+in\s+\p{Lu})/u, level: 'bachelor' },
];

export interface DegreeMatch {
  index: number;
  level: DegreeLevel;
}

/** The earliest degree named in `text`, with its level. */
export function findDegree(text: string): DegreeMatch | null {
  let best: DegreeMatch | null = null;
  for (const list of [WORD_DEGREES, ABBREVIATIONS, BARE_ABBREVIATIONS]) {
    for (const { re, level } of list) {
      const m = re.exec(text);
      if (m !== null && (best === null || m.index < best.index)) {
        best = { index: m.index, level: level === 'other' && list === BARE_ABBREVIATIONS ? levelOfBare(m[0]) : level };
      }
    }
  }
  return best;
}

function levelOfBare(abbreviation: string): DegreeLevel {
  return abbreviation.startsWith('M') ? 'master' : 'bachelor';
}

/** The length of the degree form `phrase` opens with; 0 when it doesn't open with one. */
export function degreeLengthAt(phrase: string): number {
  for (const list of [WORD_DEGREES, ABBREVIATIONS, BARE_ABBREVIATIONS]) {
    for (const { re } of list) {
      const m = re.exec(phrase);
      if (m !== null && m.index === 0) return m[0].length;
    }
  }
  return 0;
}
