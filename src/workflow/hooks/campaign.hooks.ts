import { campaignEvents } from '../../../machines/campaign.machine';
import { defineHooks } from '../engine/hooks';

/** A campaign's events need nothing from outside it yet; its plan's signature (SIGN_PLAN) will number it here. */
export const campaignHooks = defineHooks(campaignEvents, {});
