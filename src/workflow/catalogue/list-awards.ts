import { listAwardVersions } from '../../db/award-versions';
import { localDate } from '../../domain/business-date';
import { catalogueInForce } from '../../domain/catalogue';
import type { EngineDeps } from '../types';

/** The award catalogue in force on `date` (default: today in the business time zone). */
export async function listAwards(deps: Pick<EngineDeps, 'db' | 'now' | 'timeZone'>, date?: string) {
  return catalogueInForce(await listAwardVersions(deps.db), date ?? localDate(deps.now(), deps.timeZone));
}
