import { listAwardVersions } from '../../db/award-versions';
import type { AwardVersion } from '../../domain/catalogue';
import { AppError } from '../../errors';
import type { EngineDeps } from '../types';

/** Every version of an award, oldest first; NOT_FOUND for a code the catalogue never had. */
export async function getAwardVersions(deps: Pick<EngineDeps, 'db'>, code: string): Promise<AwardVersion[]> {
  const versions = await listAwardVersions(deps.db, code);
  if (versions.length === 0) throw new AppError('NOT_FOUND', `award ${code} not found`);
  return versions;
}
