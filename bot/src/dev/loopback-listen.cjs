'use strict';
/**
 * Preloaded (`node --require`) into the Agents Playground, which has no option for its
 * listening address and listens on every interface. Locally the Playground is the Bot
 * Connector of an unauthenticated bot and signs in as a co-chair: anyone who could reach the
 * port from the network could act as them. This makes every server in that process listen on
 * loopback unless it names a specific address itself.
 */
const net = require('node:net');

const LOOPBACK = '127.0.0.1';
const ANY = new Set([undefined, null, '', '0.0.0.0', '::']);
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function loopbackListen(...args) {
  const first = args[0];
  if (first === undefined || typeof first === 'function') {
    args.unshift({ port: 0, host: LOOPBACK });
  } else if (typeof first === 'object' && first !== null) {
    // Handles, file descriptors and Unix sockets are not network addresses: left alone.
    const network = first.path === undefined && first.fd === undefined && first.handle === undefined && first._handle === undefined;
    if (network && ANY.has(first.host)) args[0] = { ...first, host: LOOPBACK };
  } else if (typeof args[1] === 'string') {
    if (ANY.has(args[1])) args[1] = LOOPBACK;
  } else {
    args.splice(1, 0, LOOPBACK);
  }
  return listen.apply(this, args);
};
