import { hasQuorum, quorumNeeded, statesOf, statesTagged } from '../../../machines/index';

/** The state sets the engine, the rules and the lists read, as the machines' tags declare them. */
describe('state sets from the machines’ tags', () => {
  const set = (...s: Parameters<typeof statesTagged>) => [...statesTagged(...s)].sort();

  test('nominations: settled have an outcome, live still count', () => {
    expect(set('nomination', 'settled')).toEqual(['awarded', 'rejected', 'revoked', 'withdrawn']);
    expect(
      statesOf('nomination')
        .filter((s) => !statesTagged('nomination', 'live').includes(s))
        .sort(),
    ).toEqual(['rejected', 'revoked', 'withdrawn']);
  });

  test('dossiers: editable while the unit prepares them, handed in once submitted', () => {
    expect(set('dossier', 'editable')).toEqual(['draft', 'returned']);
    expect(set('dossier', 'handedIn')).toEqual(['accepted', 'closed', 'returned', 'submitted']);
  });

  test('decisions and submissions hold their nominations until issued or sent', () => {
    expect(set('decision', 'holding')).toEqual(['awaitingSignature', 'draft', 'issued']);
    expect(set('submission', 'holding')).toEqual(['awaitingSignature', 'draft']);
  });

  test('who must act: the digest’s lists', () => {
    expect(set('nomination', 'officeToAct')).toEqual(['appraisal', 'councilReview', 'publicNotice']);
    expect(set('nomination', 'directorToAct')).toEqual(['directorReview']);
    expect(set('dossier', 'officeToAct')).toEqual(['submitted']);
    expect(set('decision', 'directorToAct')).toEqual(['awaitingSignature']);
  });

  test('quorum: two thirds of the members present', () => {
    expect(quorumNeeded(9)).toBe(6);
    expect(hasQuorum(9, 6)).toBe(true);
    expect(hasQuorum(9, 5)).toBe(false);
    expect(quorumNeeded(10)).toBe(7);
  });
});
