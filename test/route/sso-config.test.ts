/** Single sign-on settings: all three or none, https in production, a label for the button. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';

const base = { NODE_ENV: 'test', HOMEWARD_SKIP_DEMO: '1' } as const;
const full = { HOMEWARD_OIDC_ISSUER: 'https://login.county.example', HOMEWARD_OIDC_CLIENT_ID: 'homeward', HOMEWARD_OIDC_CLIENT_SECRET: 'a-client-secret' };

describe('single sign-on configuration', () => {
  it('is off unless configured, and labels the button "your organisation account" by default', () => {
    expect(loadConfig(base).oidc).toBeNull();
    expect(loadConfig({ ...base, ...full }).oidc).toMatchObject({ issuer: 'https://login.county.example', clientId: 'homeward', label: 'your organisation account', allowHttp: true });
    expect(loadConfig({ ...base, ...full, HOMEWARD_OIDC_LABEL: 'Demo County Council' }).oidc?.label).toBe('Demo County Council');
  });

  it('refuses to start with half a configuration', () => {
    const half = { HOMEWARD_OIDC_ISSUER: full.HOMEWARD_OIDC_ISSUER, HOMEWARD_OIDC_CLIENT_ID: full.HOMEWARD_OIDC_CLIENT_ID };
    expect(() => loadConfig({ ...base, ...half })).toThrow('single sign-on needs HOMEWARD_OIDC_ISSUER, HOMEWARD_OIDC_CLIENT_ID and HOMEWARD_OIDC_CLIENT_SECRET together');
  });

  it('requires an https issuer in production, and never allows plain HTTP there', () => {
    const production = { ...base, NODE_ENV: 'production', HOMEWARD_SESSION_SECRET: 'x'.repeat(40) };
    expect(() => loadConfig({ ...production, ...full, HOMEWARD_OIDC_ISSUER: 'http://login.county.example' })).toThrow('HOMEWARD_OIDC_ISSUER must be an https:// address in production');
    expect(loadConfig({ ...production, ...full }).oidc?.allowHttp).toBe(false);
  });
});
