/**
 * A local Bot Connector (Teams' serviceUrl) for integration tests: records what the bot
 * sends, answers like the real REST API, and injects faults and throttling on demand.
 * The implementation lives in ./bot-connector/.
 */
export * from './bot-connector/index';
