import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type InvokeResponse, type Middleware, type TurnContext } from 'botbuilder';
import type { QuorumConfig } from '../config';
import type { Activity } from './activity';
import { turnOf } from './botbuilder-turn';
import type { Turn } from './turn';

/**
 * CloudAdapter.process() answers auth failures as 500 for some token faults, writes errors
 * to the console (outside our redacting logger) and echoes error text to the caller. Quorum
 * owns the HTTP exchange instead and hands the adapter only the parsed activity.
 */
export class QuorumAdapter extends CloudAdapter {
  handle(authHeader: string, activity: Activity, logic: (ctx: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }

  /** What answers a turn whose handler threw. */
  onTurnFailure(handler: (turn: Turn, err: Error) => Promise<void>): void {
    this.onTurnError = (ctx, err) => handler(turnOf(ctx), err);
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

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const THREAD_SUFFIX = ';messageid=';

/**
 * In Teams a reply to a channel message goes to the message's thread (a conversation id
 * ending in `;messageid=…`). The Microsoft 365 Agents Playground accepts such a send but its
 * web client throws on that id ("Invalid conversation id 19:…;messageid=…", first on the
 * typing indicator), and the reply never shows. So for turns that came from the Playground
 * — a local run only: the config refuses a Playground port with a bot identity — what the
 * bot sends goes to the channel itself, where the Playground shows it as a new post.
 * Updates keep their conversation: the Playground finds a message only under its own.
 */
class PlaygroundRepliesMiddleware implements Middleware {
  constructor(private readonly playgroundPort: number) {}

  async onTurn(ctx: TurnContext, next: () => Promise<void>): Promise<void> {
    if (isPlaygroundConnector(ctx.activity.serviceUrl, this.playgroundPort)) {
      ctx.onSendActivities(async (_ctx, activities, send) => {
        for (const activity of activities) {
          const conversation = activity.conversation;
          // A copy: the outgoing conversation is the incoming activity's own object.
          if (conversation?.id.includes(THREAD_SUFFIX)) activity.conversation = { ...conversation, id: conversation.id.slice(0, conversation.id.indexOf(THREAD_SUFFIX)) };
        }
        return send();
      });
    }
    await next();
  }
}

function isPlaygroundConnector(serviceUrl: string | undefined, playgroundPort: number): boolean {
  if (!serviceUrl) return false;
  try {
    const url = new URL(serviceUrl);
    return LOOPBACK_HOSTS.has(url.hostname) && Number(url.port) === playgroundPort;
  } catch {
    return false;
  }
}
