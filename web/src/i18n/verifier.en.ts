import type { verifierZh } from './verifier.zh';

/** English messages of the verifier: the same keys as verifier.zh.ts. */
export const verifierEn: Record<keyof typeof verifierZh, string> = {};
