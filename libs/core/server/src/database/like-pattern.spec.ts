import { likeContains, likeEscape, likePrefix } from './like-pattern';

describe('LIKE patterns of user text', () => {
  it('escapes the wildcards and the escape character so they match literally', () => {
    expect(likeEscape('50%_a\\b')).toBe('50\\%\\_a\\\\b');
    expect(likeContains('10%')).toBe('%10\\%%');
    expect(likePrefix('HH_1')).toBe('HH\\_1%');
  });

  it('leaves ordinary text alone', () => {
    expect(likeContains('Ndayishimiye')).toBe('%Ndayishimiye%');
  });
});
