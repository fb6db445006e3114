import { NumberParam, NumberParamDoc } from '@ooh/http-kit';

/** A version number from the path; anything that is not one names no version (404). */
export const VersionParam = (name = 'version') => NumberParam(name, 'VERSION_NOT_FOUND', 'version');

/** Documents a version path parameter as the integer it is. */
export const VersionParamDoc = (...names: string[]) => NumberParamDoc(...names);
