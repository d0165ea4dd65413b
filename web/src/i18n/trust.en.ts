import type { trustZh } from './trust.zh';

/** English messages of the ledger and of "who used my data". */
export const trustEn: Record<keyof typeof trustZh, string> = {
  'ledger.title': 'Ledger records (independently verifiable)',
  'ledger.intro':
    'Every key action on this application is written to a tamper-evident ledger. "Verify" makes your browser check the Merkle proof and the ledger’s signature itself, without trusting the server.',
  'ledger.pending': '{count} records join the ledger within seconds',
  'ledger.empty': 'No ledger records yet',
  'ledger.verify': 'Verify',
  'ledger.verifying': 'Verifying…',
  'ledger.verified': 'Verified: included in ledger version {size}, signature valid',
  'ledger.failed.leaf': 'Verification failed: the record does not match its hash',
  'ledger.failed.proof': 'Verification failed: the Merkle proof is incomplete',
  'ledger.failed.root': 'Verification failed: the proof does not lead to the signed root',
  'ledger.failed.signature': 'Verification failed: the ledger signature is not valid',
  'ledger.failed.error': 'Verification failed: {message}',
  'ledger.index': 'Entry {index}',
  'dataAccess.title': 'Who used my data',
  'dataAccess.intro':
    'Every look at your personal data has a stated purpose and is written to a tamper-evident ledger. If something looks wrong, contest it.',
  'dataAccess.empty': 'No department has looked at your data yet',
  'dataAccess.by': 'By',
  'dataAccess.self': 'You',
  'dataAccess.role': 'Role',
  'dataAccess.items': 'Data',
  'dataAccess.purpose': 'Application',
  'dataAccess.channel.query': 'Department query',
  'dataAccess.channel.submission': 'Fetched for an application',
  'dataAccess.channel.preview': 'Your own preview',
  'dataAccess.channel.proof': 'E-proof issued',
  'dataAccess.channel.file': 'An official opened a file you uploaded',
  'dataAccess.onLedger': 'On the ledger · verified here',
  'dataAccess.provenDetail':
    'This browser recomputed the entry’s commitment and checked its Merkle proof and the signature of ledger version {size}',
  'dataAccess.ledgerFailed': 'Ledger check failed',
  'dataAccess.checkingLedger': 'Verifying…',
  'dataAccess.pendingLedger': 'Joining the ledger',
  'dataAccess.contest': 'Contest',
  'dataAccess.contestReason': 'Why',
  'dataAccess.contestPlaceholder': 'e.g. I never applied for this',
  'dataAccess.contestSent': 'Your objection was sent; the supervision office will follow it up',
  'dataAccess.send': 'Send',
};
