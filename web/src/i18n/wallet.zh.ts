/** Chinese messages of the wallet (docs/credentials.md). */
export const walletZh = {} as const;
