/**
 * A synthetic official notice for 2027 in the format of `src/platform/calendar/data/cn-2026.json`
 * (1–8 January off; not the State Council's text), for tests of loading a year. `extra`
 * overrides any field (an invalid notice, for instance).
 */
export function notice2027(extra: Record<string, unknown> = {}) {
  return {
    year: 2027,
    region: 'CN',
    timeZone: 'Asia/Shanghai',
    sources: [
      {
        title: '测试通知 2027 (synthetic test notice)',
        documentNumber: null,
        urls: [{ url: 'https://example.org/notice-2027' }],
      },
    ],
    days: ['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => ({
      date: `2027-01-${d}`,
      kind: 'off',
      holiday: { zh: '元旦', en: "New Year's Day" },
    })),
    ...extra,
  };
}
