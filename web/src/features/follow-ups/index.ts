export { useCloseFollowUp, useFollowUps, type FollowUpFilter } from './follow-ups-api';
