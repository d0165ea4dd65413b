import { desksZh } from './desks.zh';
import { walletZh } from './wallet.zh';
import { supervisionZh } from './supervision.zh';
import { windowStaffZh } from './window-staff.zh';
import { interDepartmentZh } from './inter-department.zh';
import { verifierZh } from './verifier.zh';
import { credentialStatusZh } from './credential-status.zh';

/**
 * Chinese messages of the signed-in desks: the staff pages (window, workbench, supervision,
 * verifier, window staff, inter-department, credential status) and the wallet. Their own chunk, loaded with
 * those pages (router.tsx, deskPage), so the public portal's first screen does not carry them.
 */
export const deskZh = {
  ...desksZh,
  ...walletZh,
  ...supervisionZh,
  ...windowStaffZh,
  ...interDepartmentZh,
  ...verifierZh,
  ...credentialStatusZh,
} satisfies Record<string, string>;
