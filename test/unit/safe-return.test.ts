/** After signing in, Homeward follows only a plain path of its own site, never one a browser reads as another site. */
import { expect, it } from 'vitest';
import { safeReturn } from '../../src/web/auth/sign-in-flow.ts';

it('keeps a path of this site, query included', () => {
  expect(safeReturn('/children/0f8f?tab=plan')).toBe('/children/0f8f?tab=plan');
});

it.each(['//evil.example/x', '/\\evil.example', '/\\/evil.example', '/\tevil.example', '/\nevil', 'https://evil.example', 'evil', '', undefined])(
  'sends %j home instead', (path) => {
    expect(safeReturn(path)).toBe('/');
  },
);
