export { createTrackService, progressOf, type TrackService } from './track.service.js';
export { registerTrackRoutes } from './track.routes.js';
export { isTrackKey, trackKey } from './track.key.js';
