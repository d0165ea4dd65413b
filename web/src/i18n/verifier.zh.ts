/** Chinese messages of the verifier (docs/credentials.md). */
export const verifierZh = {} as const;
