import { useLocation, useNavigate } from 'react-router';
import { App, Button } from 'antd';
import { LoginOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import type { Me } from '@contracts/auth';
import { loginPath, useLogout } from '../../features/auth';
import { useT } from '../../i18n';

/** The account's display name and the logout button; `block` stacks them (phone drawer). */
export function AccountActions({ me, block = false }: { me: Me; block?: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const logout = useLogout();

  function onLogout() {
    logout.mutate(undefined, {
      onSuccess: () => void navigate('/login', { replace: true }),
      onError: () => void message.error(t('account.logoutFailed')),
    });
  }

  return (
    <div className={block ? 'account-actions account-actions--block' : 'account-actions'}>
      <span className="account-actions__name">
        <UserOutlined aria-hidden /> {me.displayName}
      </span>
      <Button
        type={block ? 'default' : 'text'}
        icon={<LogoutOutlined aria-hidden />}
        onClick={onLogout}
        loading={logout.isPending}
        block={block}
      >
        {t('account.logout')}
      </Button>
    </div>
  );
}

/** A visitor's 登录 button: opens /login, which returns to the current page afterwards. */
export function SignInAction({ block = false }: { block?: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  return (
    <div className={block ? 'account-actions account-actions--block' : 'account-actions'}>
      <Button
        type="primary"
        icon={<LoginOutlined aria-hidden />}
        onClick={() => void navigate(loginPath(`${pathname}${search}`))}
        block={block}
      >
        {t('account.signIn')}
      </Button>
    </div>
  );
}
