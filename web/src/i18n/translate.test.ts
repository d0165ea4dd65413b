import { describe, expect, it } from 'vitest';
import { loadDictionary, translate } from './translate';

// One module state for the whole file: the order of the steps is the order a visitor meets them.
describe('dictionaries loaded in parts', () => {
  it('shows Chinese until English is fetched, then English', async () => {
    expect(translate('en', 'app.loading')).toBe('加载中…');
    await loadDictionary('en');
    expect(translate('en', 'app.loading')).toBe('Loading…');
    expect(translate('zh', 'app.loading')).toBe('加载中…');
  });

  it("fetches the desks' messages when a desk page asks, and in every language switched to", async () => {
    // Not in the entry: before a desk page asks for them the key itself would show.
    expect(translate('zh', 'wallet.title')).toBe('wallet.title');
    await loadDictionary('zh', true);
    expect(translate('zh', 'wallet.title')).toBe('我的电子证照');
    // English's public part is loaded already; switching to it now brings its desk part too.
    expect(translate('en', 'wallet.title')).toBe('我的电子证照');
    await loadDictionary('en');
    expect(translate('en', 'wallet.title')).toBe('My e-credentials');
  });

  it('fills placeholders and leaves a missing one visible', () => {
    expect(translate('zh', 'inbox.unreadCount', { n: 3 })).toContain('3');
    expect(translate('zh', 'inbox.unreadCount')).toContain('{n}');
  });
});
