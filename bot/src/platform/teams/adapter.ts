import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { QuorumConfig } from '../config';
import { PlaygroundRepliesMiddleware } from './playground-replies.middleware';

/**
 * CloudAdapter.process() answers auth failures as 500 for some token faults, writes errors
 * to the console (outside our redacting logger) and echoes error text to the caller. Quorum
 * owns the HTTP exchange instead and hands the adapter only the parsed activity.
 */
export class QuorumAdapter extends CloudAdapter {
  handle(authHeader: string, activity: Activity, logic: (ctx: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

export function createAdapter(bot: QuorumConfig['bot'], playground?: QuorumConfig['playground']): QuorumAdapter {
  if (!bot) {
    const local = new QuorumAdapter(new ConfigurationBotFrameworkAuthentication({}));
    if (playground) local.use(new PlaygroundRepliesMiddleware(playground.port));
    return local;
  }
  const options: Record<string, string | undefined> = {
    MicrosoftAppId: bot.appId,
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.tenantId,
    MicrosoftAppPassword: bot.password,
    CertificateThumbprint: bot.certificate?.thumbprint,
    CertificatePrivateKey: bot.certificate?.privateKey,
    ...bot.authOverrides,
  };
  return new QuorumAdapter(new ConfigurationBotFrameworkAuthentication(options));
}
