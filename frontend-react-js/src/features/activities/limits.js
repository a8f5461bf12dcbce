export const CRUD_MAX_LENGTH = 280;
