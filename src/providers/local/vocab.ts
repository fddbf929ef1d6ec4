/**
 * Small closed word lists the rules share. They describe how resumes and organisations are named in
 * general (head nouns of job titles, legal suffixes of companies, kinds of schools), never particular
 * people or employers.
 */

function wordSet(words: string): ReadonlySet<string> {
  return new Set(words.trim().split(/\s+/));
}

/** The last noun of most job titles: "Senior Software *Engineer*", "Sales *Director*". */
export const TITLE_HEADS = wordSet(`
  manager managers engineer developer analyst assistant director consultant specialist designer teacher officer
  executive administrator coordinator technician programmer producer editor writer copywriter attorney lawyer
  paralegal nurse accountant architect scientist professor lecturer principal counselor counsellor representative
  associate intern student lead supervisor operator clerk secretary receptionist agent advisor adviser
  instructor tutor trainer coach therapist solicitor president vice founder cofounder co-founder owner chef cook
  driver mechanic electrician pharmacist physician doctor dentist auditor economist researcher fellow
  strategist planner buyer merchandiser cashier salesperson recruiter photographer artist musician journalist
  reporter anchor newsreader translator interpreter librarian surveyor inspector estimator foreman worker
  labourer laborer volunteer apprentice trainee educator facilitator investigator controller treasurer
  bookkeeper dispatcher stylist caregiver aide ceo cto cfo coo cio vp svp evp partner head chief chair
  chairman chairperson member advertiser dean provost registrar superintendent headmaster headmistress
  caseworker worker psychologist counsellor clinician technologist hygienist paramedic midwife surgeon
  veterinarian assistant housekeeper attendant steward stewardess pilot captain sergeant lieutenant
  commander soldier officer marketer promoter publicist illustrator animator tester webmaster administrator
  admin dba devops sre scrum master owner entrepreneur freelancer contractor handler packer picker loader
  welder machinist fitter plumber carpenter painter installer assembler cleaner janitor guard ranger
  lifeguard waiter waitress waitperson bartender barista host hostess server baker butcher tailor model actor actress
  dancer singer composer conductor curator archivist historian geologist chemist biologist physicist
  mathematician statistician actuary underwriter adjuster appraiser broker banker trader teller
  officer investigator detective constable warden principal vicar pastor minister chaplain missionary
  mentor ambassador liaison delegate secretary-general registrar commissioner governor mayor senator
  deputy manager/director tutor/mentor generalist practitioner expert professional nutritionist dietitian extern staff resident
`);

/** Words that open titles and never company names. */
export const TITLE_MODIFIERS = wordSet(`
  senior sr sr. junior jr jr. lead principal chief head staff assistant associate deputy executive
  interim acting trainee graduate entry-level entry freelance visiting adjunct full-time part-time
`);

/** Legal and generic suffixes of organisation names. */
export const COMPANY_SUFFIXES = wordSet(`
  inc inc. incorporated ltd ltd. limited llc l.l.c. llp lp plc corp corp. corporation co co. company
  companies gmbh ag sa s.a. s.a bv nv pty pvt pvt. private srl spa oy ab as kk group holdings partners
  associates agency agencies bank solutions services systems technologies technology labs laboratories
  studio studios consulting consultants enterprises industries international global networks media
  communications foundation trust institute hospital clinic center centre council ministry department
  office firm organization organisation society association authority commission bureau press
  publishing publications restaurant hotel store stores shop market school schools university college academy
  district church software partners laboratory lab campus museum library gallery theatre theater club
`);

/** Words that name schools and universities. */
export const INSTITUTION_WORDS = wordSet(`
  university universidad universidade université universität universita università college school academy
  institute institut instituto polytechnic politecnico polytechnique conservatory conservatoire seminary
  tafe iit iim mit ucla nyu usc ucl lse kth eth epfl
`);

/** Street-address words: a line holding them is an address, not a name. */
export const STREET_WORDS = wordSet(`
  street st st. road rd rd. avenue ave ave. drive dr dr. lane ln ln. boulevard blvd blvd. court ct ct. place
  pl way circle cir terrace parkway pkwy highway hwy apt apt. apartment suite ste floor box p.o. po
  crescent close square nagar colony sector room hall building bldg blk subd subd.
`);

/** Two-letter US state and Canadian province codes, for "City, ST" locations. */
export const REGION_CODES = wordSet(`
  AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK
  OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR AB BC MB NB NL NS NT NU ON PE QC SK YT
  NSW VIC QLD TAS ACT UK USA UAE NZ
`);

/** Full region and country names that may follow a city. */
export const REGION_NAMES = wordSet(`
  alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho
  illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota
  mississippi missouri montana nebraska nevada hampshire jersey mexico york carolina dakota ohio oklahoma
  oregon pennsylvania rhode tennessee texas utah vermont virginia washington wisconsin wyoming ontario
  quebec alberta manitoba columbia scotia brunswick victoria queensland wales
  india pakistan bangladesh china japan korea singapore malaysia indonesia philippines vietnam thailand
  australia zealand canada usa america kingdom uk england scotland ireland france germany spain italy
  portugal netherlands belgium switzerland austria sweden norway denmark finland poland ukraine russia
  greece turkey egypt nigeria kenya ghana ethiopia africa morocco israel iran iraq uae emirates qatar
  saudi arabia brazil argentina chile colombia peru venezuela mexico romania hungary czech bulgaria
  serbia croatia lebanon jordan nepal lanka tamil nadu maharashtra karnataka kerala delhi gujarat
  punjab bengal telangana pradesh rajasthan haryana odisha assam bihar goa
  bavaria bayern hesse hessen saxony sachsen baden württemberg brandenburg thuringia westphalia rhineland
  saarland holstein niedersachsen saskatchewan newfoundland tasmania luxembourg estonia latvia lithuania
  slovakia slovenia iceland cyprus malta tanzania uganda rwanda zimbabwe zambia cameroon senegal tunisia
  algeria oman kuwait bahrain afghanistan kazakhstan taiwan hong kong ecuador bolivia uruguay paraguay
  jamaica panama guatemala
`);

/** Words of document furniture: a line holding one is not a person's name. */
export const NOT_NAME_WORDS = wordSet(`
  resume résumé resumé cv curriculum vitae vita template sample name names your first last
  page contact address phone mobile home office email e-mail tel telephone cell fax website linkedin github
  objective summary profile experience education skills skill set level references confidential personal
  details information career professional seeker seeking looking internship applicant candidate client job
  date birth updated marital status nationality gender religion age dob citizenship
  university college school institute department faculty elementary city state zip code country inc ltd llc corp company services solutions technologies group consulting
  build create minutes free download word format writing tips guide packet font size margins
  the and of for in at with to a an my by on from do not copy is are you me
  dear sir madam
`);
