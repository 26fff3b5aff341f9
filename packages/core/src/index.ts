/**
 * @gongzhi/core: pure domain rules shared by the API and the web. No I/O and no framework here,
 * so everything can be tested exhaustively and run the same on both sides.
 */
export * from './roles.ts';
export * from './tags.ts';
export * from './idcard.ts';
export * from './phone.ts';
export * from './mask.ts';
export * from './regionCode.ts';
export * from './geo.ts';
export * from './geoContainment.ts';
export * from './decimal.ts';
export * from './allocate.ts';
export * from './ledger.ts';
export * from './fundCategories.ts';
export * from './requestFlow.ts';
export * from './chinaTime.ts';
export * from './worktime.ts';
export * from './triage/categories.ts';
export * from './triage/features.ts';
export * from './triage/model.ts';
export * from './triage/corpus.ts';
export * from './triage/suggest.ts';
export * from './councilVote.ts';
export * from './councilNotice.ts';
export * from './ownersVote.ts';
export * from './instructions.ts';
export * from './visitRules.ts';
export * from './commonPasswords.ts';
export * from './ledgerPeriod.ts';
export * from './budgetResolution.ts';
export * from './volunteerStars.ts';
export * from './budget.ts';
export * from './panelScore.ts';
export * from './equalShares.ts';
