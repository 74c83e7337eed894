import { ensureAssets } from '../../src/web/assets/build-assets';

/** Jest globalSetup: the pages need their built styles and script; build them when missing or stale. */
export default async function webAssetsSetup(): Promise<void> {
  await ensureAssets({ quiet: true });
}
