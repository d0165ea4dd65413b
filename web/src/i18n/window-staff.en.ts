import type { windowStaffZh } from './window-staff.zh';

/** English messages of window-staff (issue #13). */
export const windowStaffEn: Record<keyof typeof windowStaffZh, string> = {
  'windowStaff.title': 'Window points',
  'windowStaff.intro':
    'Monthly points of the window clerks (Taizhou “四制四化”: graded, paid by grade, scored by points). Points come from the applications’ history: accepted applications by the matter’s difficulty, bonuses for good ratings, deductions when a department asks for a supplement or refuses, or a 容缺 commitment runs out.',
  'windowStaff.ownIntro': 'Your points of the month, line by line, with your rank and pay tier.',
  'windowStaff.month': 'Month',
  'windowStaff.rank': 'Rank',
  'windowStaff.clerk': 'Clerk',
  'windowStaff.grade': 'Grade',
  'windowStaff.window': 'Window',
  'windowStaff.points': 'Points',
  'windowStaff.tier': 'Pay tier',
  'windowStaff.payFactor': 'Pay factor',
  'windowStaff.lines': 'Ledger',
  'windowStaff.linesCount': '{n} ledger lines',
  'windowStaff.noLines': 'No points this month yet',
  'windowStaff.rule': 'Rule',
  'windowStaff.receipt': 'Receipt no.',
  'windowStaff.at': 'When',
  'windowStaff.noWindow': '—',
  'windowStaff.rankOf': 'No. {rank}',
  'windowStaff.empty': 'No window clerks yet',
  'windowStaff.loadFailed': 'The points could not be loaded',
  'windowStaff.computedAt': 'Computed from the history at {at}',
  'windowStaff.showLines': 'Show the ledger',
  'windowStaff.hideLines': 'Hide the ledger',
  'windowStaff.configNote':
    'Grades, difficulties, points rules and tiers are this county’s configuration (catalog/window-staff.yaml), not national law.',
};
