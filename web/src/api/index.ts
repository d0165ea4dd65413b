export { apiDelete, apiGet, apiPost, apiPut, apiRequest, type RequestOptions } from './api-client';
export { ApiError, NETWORK_ERROR_STATUS, isErrorBody } from './api-error';
export { uploadFile, type UploadOptions } from './upload';
