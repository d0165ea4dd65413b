import type { walletZh } from './wallet.zh';

/** English messages of the wallet: the same keys as wallet.zh.ts. */
export const walletEn: Record<keyof typeof walletZh, string> = {};
