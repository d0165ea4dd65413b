import type { interDepartmentZh } from './inter-department.zh';

/** English messages of inter-department (issue #13). */
export const interDepartmentEn: Record<keyof typeof interDepartmentZh, string> = {
  'interDepartment.title': 'Inter-department matters',
  'interDepartment.intro':
    'What departments ask of each other: requests received, completed and overdue by requesting → providing department and by matter, time against the legal and promised limits, and the speed-up rate; the first department asked owns the overdue follow-ups.',
  'interDepartment.month': 'Month',
  'interDepartment.download': 'Download the public report (PDF)',
  'interDepartment.loadFailed': 'The board could not be loaded',
  'interDepartment.scoped': 'Only the rows where your department requests or provides.',
  'interDepartment.totals': 'This month in all',
  'interDepartment.pairs': 'Requesting → providing department',
  'interDepartment.matters': 'By matter',
  'interDepartment.pair': 'Requesting → providing',
  'interDepartment.matter': 'Matter',
  'interDepartment.limits': 'legal {legal} · promised {promised} working days',
  'interDepartment.received': 'Received',
  'interDepartment.completed': 'Completed',
  'interDepartment.open': 'Open',
  'interDepartment.overdue': 'Overdue',
  'interDepartment.onTimeRate': 'On time',
  'interDepartment.avgDays': 'Avg working days',
  'interDepartment.avgLegalDays': 'Avg legal limit',
  'interDepartment.avgPromisedDays': 'Avg promised limit',
  'interDepartment.speedUpRate': 'Speed-up',
  'interDepartment.empty': 'No inter-department requests this month',
  'interDepartment.followUps': 'First-inquiry owners: open follow-ups',
  'interDepartment.noFollowUps': 'No open escalations',
  'interDepartment.firstInquiryOf': 'First asked: {department}',
  'interDepartment.followUpOverdue': 'Follow-up overdue',
  'interDepartment.followUpLine':
    'requested by {requester}, late at {late}, owner {owner}, close by {due}',
  'interDepartment.asOf': 'Figures as of {at}',
  'interDepartment.note':
    'Each step is one request; speed-up = 1 − average time / average legal limit (matters with a legal limit only).',
} as const;
