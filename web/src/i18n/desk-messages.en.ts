import { desksEn } from './desks.en';
import { walletEn } from './wallet.en';
import { supervisionEn } from './supervision.en';
import { windowStaffEn } from './window-staff.en';
import { interDepartmentEn } from './inter-department.en';
import { verifierEn } from './verifier.en';
import { credentialStatusEn } from './credential-status.en';
import type { deskZh } from './desk-messages.zh';

/** English messages of the signed-in desks: the same keys as desk-messages.zh.ts. */
export const deskEn: Record<keyof typeof deskZh, string> = {
  ...desksEn,
  ...walletEn,
  ...supervisionEn,
  ...windowStaffEn,
  ...interDepartmentEn,
  ...verifierEn,
  ...credentialStatusEn,
};
