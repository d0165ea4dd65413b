import type { FormEvent } from 'react';
import { Button } from 'antd';
import { useT } from '../../i18n';

/**
 * The portal's search box (home and 找事项): a plain form with a search input and antd's
 * button, not antd's Input.Search, whose input family weighs about 15 kB gzipped on a first
 * screen. Enter or the button calls `onSearch` with the words; `value` and `onChange` make it
 * controlled (找事项 searches as one types).
 */
export function SearchBox({
  value,
  onChange,
  onSearch,
}: {
  value?: string;
  onChange?: (words: string) => void;
  onSearch: (words: string) => void;
}) {
  const t = useT();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const words = new FormData(event.currentTarget).get('q');
    onSearch(typeof words === 'string' ? words : '');
  }
  return (
    <form className="portal-search" role="search" onSubmit={submit}>
      <input
        type="search"
        name="q"
        className="portal-search__input"
        placeholder={t('find.placeholder')}
        aria-label={t('find.searchLabel')}
        enterKeyHint="search"
        autoComplete="off"
        {...(onChange ? { value: value ?? '', onChange: (e) => onChange(e.target.value) } : {})}
      />
      <Button type="primary" htmlType="submit" size="large">
        {t('find.search')}
      </Button>
    </form>
  );
}
