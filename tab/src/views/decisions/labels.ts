import type { MessageKey } from '../../lib/i18n';

export const kindKey = (k: string) => `decKind_${k}` as MessageKey;
export const statusKey = (s: string) => `decStatus_${s}` as MessageKey;
