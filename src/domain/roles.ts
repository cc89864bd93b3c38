/** What a person may do in their unit: officer, unit head, cluster head, administrator. */
export type Role = 'officer' | 'head' | 'cluster-head' | 'admin';
export const ROLES: readonly Role[] = ['officer', 'head', 'cluster-head', 'admin'];
