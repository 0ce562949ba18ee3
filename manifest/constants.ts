/**
 * Names the Teams app package shares with the service and the tab. The bot and tab import
 * these (or must match them): Teams sends them back in invokes and loads these URLs.
 */

/** The manifest schema the package is written against (bundled offline in @microsoft/app-manifest). */
export const MANIFEST_VERSION = '1.30';
export const MANIFEST_SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;

/**
 * The message action "Create action item" (compose extension, action command on messages).
 * Teams sends it as `composeExtension/fetchTask` then `composeExtension/submitAction` with
 * `activity.value.commandId` equal to this; the work-plan feature must match on it.
 */
export const MESSAGE_ACTION_COMMAND_ID = 'createActionItem';

/** Where the service serves the tab (bot/src/platform/http), relative to https://<domain>. */
export const TAB_PATH = '/tab/index.html';

/** The tab's views, selected by `?view=` (the channel / meeting tab content is the bare page). */
export const TAB_VIEWS = { configure: 'configure', myItems: 'my-items' } as const;

/** Entity ids of the personal (static) tabs; `conversations` is Teams' reserved id for the bot chat. */
export const STATIC_TAB_IDS = { chat: 'conversations', myItems: 'my-items' } as const;

/** The bot's scopes; command lists are generated per scope from the bot's feature registry. */
export const BOT_SCOPES = ['personal', 'team', 'groupChat'] as const;

/** Teams shows at most 10 commands per scope; titles ≤ 32 and descriptions ≤ 128 characters. */
export const COMMAND_LIMITS = { perScope: 10, title: 32, description: 128 } as const;

/** The package's files: exactly these, at the zip's root. */
export const PACKAGE_FILES = ['manifest.json', 'color.png', 'outline.png'] as const;

/** Icon sizes Teams requires. */
export const ICON_SIZES = { color: 192, outline: 32 } as const;

export function tabUrl(domain: string, view?: string): string {
  return `https://${domain}${TAB_PATH}${view ? `?view=${view}` : ''}`;
}
