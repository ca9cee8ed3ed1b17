import { BeneficiaryStatus, isTransitionAllowed, STATUS_TRANSITIONS, transitionPairs } from './programs-vocabulary';

describe('beneficiary status transition table', () => {
  it('never lets a graduated, exited or ineligible beneficiary straight back to ACTIVE', () => {
    for (const from of [BeneficiaryStatus.GRADUATED, BeneficiaryStatus.EXITED, BeneficiaryStatus.INELIGIBLE]) {
      expect(isTransitionAllowed(from, BeneficiaryStatus.ACTIVE)).toBe(false);
      expect(isTransitionAllowed(from, BeneficiaryStatus.WAITLISTED)).toBe(true);
    }
  });

  it('lets newcomers start only as POTENTIAL, ACTIVE, WAITLISTED or INELIGIBLE', () => {
    const starts = Object.values(BeneficiaryStatus).filter((to) => isTransitionAllowed(null, to));
    expect(starts.sort()).toEqual(['ACTIVE', 'INELIGIBLE', 'POTENTIAL', 'WAITLISTED']);
  });

  it('has no self-transition and covers every status', () => {
    expect(transitionPairs().filter((p) => p.from === p.to)).toEqual([]);
    expect([...STATUS_TRANSITIONS.keys()].filter((k) => k !== null).sort()).toEqual(Object.values(BeneficiaryStatus).sort());
    expect(isTransitionAllowed(BeneficiaryStatus.ACTIVE, BeneficiaryStatus.SUSPENDED)).toBe(true);
    expect(isTransitionAllowed(BeneficiaryStatus.SUSPENDED, BeneficiaryStatus.ACTIVE)).toBe(true);
    expect(isTransitionAllowed(BeneficiaryStatus.WAITLISTED, BeneficiaryStatus.SUSPENDED)).toBe(false);
  });
});
