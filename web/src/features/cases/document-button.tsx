import type { ReactNode } from 'react';
import { Button } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';

/**
 * A button that opens a printed document (receipt, one-time notice, hand-over slip) as a PDF
 * in a new tab; `primary` where printing it is the next thing to do.
 */
export function DocumentButton({
  href,
  primary = false,
  children,
}: {
  href: string;
  primary?: boolean;
  children: ReactNode;
}) {
  return (
    <Button
      type={primary ? 'primary' : 'default'}
      icon={<FilePdfOutlined aria-hidden />}
      href={href}
      target="_blank"
      rel="noreferrer"
    >
      {children}
    </Button>
  );
}
