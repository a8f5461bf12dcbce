// The limits the API enforces, from the one place both sides read them: limits.json is written by
// `python -m cruddur_shared.limits` (backend-flask/shared), and a backend test fails when it drifts.
import limits from './limits.json';

export const CRUD_MAX_LENGTH = limits.crudMax;
export const MESSAGE_MAX_LENGTH = limits.directMessageMax;
export const DISPLAY_NAME_MAX_LENGTH = limits.displayNameMax;
export const BIO_MAX_LENGTH = limits.bioMax;
export const SEARCH_TERM_MAX_LENGTH = limits.searchTermMax;
export const HANDLE_PATTERN = new RegExp(limits.handlePattern);
export const AVATAR_TYPES = limits.avatarContentTypes;
export const AVATAR_MAX_BYTES = limits.avatarMaxBytes;
export const PHOTO_TYPES = limits.mediaContentTypes;
export const PHOTO_MAX_BYTES = limits.mediaMaxBytes;
export const PHOTOS_PER_CRUD = limits.mediaPerCrud;
export const ALT_TEXT_MAX_LENGTH = limits.altTextMax;
