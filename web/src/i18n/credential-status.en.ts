import type { credentialStatusZh } from './credential-status.zh';

/** English messages of the department's credential page (Credentials, issue #12). */
export const credentialStatusEn: Record<keyof typeof credentialStatusZh, string> = {
  'credentialStatus.title': 'Credentials',
  'credentialStatus.intro':
    'Find the e-credentials your department issued by receipt number. Suspending, reinstating or revoking needs a reason, which the holder sees in the wallet.',
  'credentialStatus.receiptNo': 'Receipt number',
  'credentialStatus.search': 'Find',
  'credentialStatus.searchHint': 'Type or paste a receipt number',
  'credentialStatus.results': 'Credentials of {receiptNo}',
  'credentialStatus.none': 'Your department issued no credential for this receipt number',
  'credentialStatus.loadFailed': 'The credentials could not be looked up',
  'credentialStatus.holder': 'Holder',
  'credentialStatus.holderNumber': 'Number',
  'credentialStatus.issuedAt': 'Issued',
  'credentialStatus.expiresAt': 'Valid until',
  'credentialStatus.noExpiry': 'No expiry',
  'credentialStatus.reason': 'Reason',
  'credentialStatus.final': 'Revoked; its status cannot change any more',
  'credentialStatus.suspend': 'Suspend',
  'credentialStatus.reinstate': 'Reinstate',
  'credentialStatus.revoke': 'Revoke',
  'credentialStatus.suspendTitle': 'Suspend: {name}',
  'credentialStatus.reinstateTitle': 'Reinstate: {name}',
  'credentialStatus.revokeTitle': 'Revoke: {name}',
  'credentialStatus.suspendConfirm': 'Suspend',
  'credentialStatus.reinstateConfirm': 'Reinstate',
  'credentialStatus.revokeConfirm': 'Revoke',
  'credentialStatus.reasonLabel': 'Reason (required, shown to the holder)',
  'credentialStatus.reasonShort': 'Give a reason of at least 2 characters',
  'credentialStatus.revokeWarning':
    'Revoking is final: the credential cannot be reinstated, and every copy shown will fail verification.',
  'credentialStatus.done.suspended': 'The credential is suspended',
  'credentialStatus.done.valid': 'The credential is reinstated',
  'credentialStatus.done.revoked': 'The credential is revoked',
} satisfies Record<keyof typeof credentialStatusZh, string>;
