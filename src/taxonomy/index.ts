/**
 * Skills and job-title taxonomy, built by `npm run build:taxonomy` into data/taxonomy.json from
 * github/explore topics, O*NET 29.2, ESCO 1.1.1 and linguist-languages (see NOTICE).
 * The file is loaded once, lazily, on the first call.
 */
export {
  canonicalSkill,
  findSkills,
  skillInfo,
  warmUpSkills,
  type FindSkillsOptions,
  type SkillHit,
  type SkillInfo,
} from './skills.js';
export { isKnownTitle, normaliseTitle, warmUpTitles, type Occupation } from './titles.js';
export { isSpokenLanguage } from './languages.js';
