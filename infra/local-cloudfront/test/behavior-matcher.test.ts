import { describe, expect, it } from 'vitest';
import { matchesPattern, selectBehavior } from '../viewer/behavior-matcher.ts';

const behaviors = [{ pathPattern: '/images/*' }, { pathPattern: 'images/*.jpg' }, { pathPattern: '*' }];

describe('behavior matcher (rule 5.6)', () => {
  it('picks the first matching behavior in list order, the default * last (rule 5.6)', () => {
    expect(selectBehavior(behaviors, '/images/a.jpg').pathPattern).toBe('/images/*');
    expect(selectBehavior(behaviors, '/about').pathPattern).toBe('*');
  });

  it('lets * match any run of characters including "/" (rule 5.6)', () => {
    expect(matchesPattern('images/*.jpg', '/images/deep/dir/a.jpg')).toBe(true);
    expect(matchesPattern('/images/*', '/images/')).toBe(true);
  });

  it('lets ? match exactly one character (rule 5.6)', () => {
    expect(matchesPattern('/img?.png', '/img1.png')).toBe(true);
    expect(matchesPattern('/img?.png', '/img.png')).toBe(false);
    expect(matchesPattern('/img?.png', '/img12.png')).toBe(false);
  });

  it('treats the leading "/" of a pattern as optional (rule 5.6)', () => {
    expect(matchesPattern('docs/*', '/docs/a')).toBe(true);
    expect(matchesPattern('/docs/*', '/docs/a')).toBe(true);
  });

  it('matches case-sensitively (rule 5.6)', () => {
    expect(matchesPattern('*.jpg', '/LOGO.JPG')).toBe(false);
  });

  it('treats regular-expression characters in a pattern literally (rule 5.6)', () => {
    expect(matchesPattern('/a+b.txt', '/a+b.txt')).toBe(true);
    expect(matchesPattern('/a+b.txt', '/aab.txt')).toBe(false);
    expect(matchesPattern('/a.txt', '/abtxt')).toBe(false);
  });
});
