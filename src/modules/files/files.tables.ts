/** An uploaded attachment: metadata here, bytes in the blob store under their SHA-256. */
export interface FilesTable {
  id: string;
  sha256: string;
  size: number;
  media_type: string;
  original_name: string;
  owner_account_id: string;
  created_at: string;
}

/** The files module's tables. */
export interface FilesTables {
  files: FilesTable;
}
