import type { ChainVerification } from '../domain/verify-chain';
import type { Translate } from '../../../platform/i18n/i18n';

/**
 * The words of a verification, shared by the chat card, the tab route and the command-line
 * verifier: "N decisions, chain intact, head <hash>" or the first bad record and why.
 */
export function describeVerification(t: Translate, v: ChainVerification): { ok: boolean; result: string; detail: string; head: string } {
  if (v.ok) return { ok: true, result: t('decisions.verify.intact', { count: v.count, head: v.head }), detail: '', head: '' };
  const where = v.ref ? t('decisions.verify.whereRecord', { ref: v.ref, position: v.position }) : t('decisions.verify.whereMissing', { position: v.position });
  const around = v.after && v.before ? t('decisions.verify.between', { after: v.after, before: v.before }) : v.after && !v.ref ? t('decisions.verify.after', { after: v.after }) : '';
  return {
    ok: false,
    result: t('decisions.verify.broken', { problem: t(`decisions.verify.problems.${v.problem}`), where }),
    detail: [t(`decisions.verify.details.${v.detail}`), around].filter(Boolean).join(' '),
    head: '',
  };
}
