export { apiGet, apiPost, apiRequest, type RequestOptions } from './api-client';
export { ApiError, NETWORK_ERROR_STATUS, isErrorBody } from './api-error';
