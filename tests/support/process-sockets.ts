import fs from 'node:fs';

/**
 * Watches the sockets of some processes (Linux /proc) and keeps every remote address that is
 * not on this machine: proof that a local run reaches nothing outside, including connections
 * that last a moment (sampled every `everyMs`).
 */
export class OutsideConnectionWatch {
  readonly seen = new Set<string>();
  private readonly timer: NodeJS.Timeout;

  constructor(pids: () => number[], everyMs = 100) {
    this.timer = setInterval(() => {
      for (const peer of outsidePeers(pids())) this.seen.add(peer);
    }, everyMs);
  }

  stop(): string[] {
    clearInterval(this.timer);
    return [...this.seen];
  }
}

export function outsidePeers(pids: number[]): string[] {
  const inodes = new Set<string>();
  for (const pid of pids) {
    for (const fd of orNone(() => fs.readdirSync(`/proc/${pid}/fd`))) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) inodes.add(m[1]!);
      } catch {
        /* closed meanwhile */
      }
    }
  }
  const peers: string[] = [];
  for (const table of ['tcp', 'tcp6', 'udp', 'udp6']) {
    for (const line of orNone(() => fs.readFileSync(`/proc/net/${table}`, 'utf8').trim().split('\n').slice(1))) {
      const f = line.trim().split(/\s+/);
      const [remote, inode] = [f[2], f[9]];
      if (!remote || !inode || !inodes.has(inode)) continue;
      const [hex, port] = remote.split(':');
      const address = hex!.length === 8 ? ipv4(hex!) : ipv6(hex!);
      if (address !== 'local') peers.push(`${table} ${address}:${parseInt(port!, 16)}`);
    }
  }
  return peers;
}

/** A process may end, and a socket close, while they are read. */
function orNone(read: () => string[]): string[] {
  try {
    return read();
  } catch {
    return [];
  }
}

/** /proc/net/tcp writes an IPv4 address as one little-endian 32-bit word. */
function ipv4(hex: string): string {
  const text = ipv4Text(hex);
  return text.startsWith('127.') || text === '0.0.0.0' ? 'local' : text;
}

function ipv4Text(hex: string): string {
  return [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16)).join('.');
}

/** …and an IPv6 address as four such words. */
function ipv6(hex: string): string {
  const words = [0, 8, 16, 24].map((i) => hex.slice(i, i + 8));
  if (words.every((w) => /^0+$/.test(w))) return 'local'; // unconnected
  if (words.slice(0, 3).every((w) => /^0+$/.test(w)) && words[3] === '01000000') return 'local'; // ::1
  if (/^0+$/.test(words[0]! + words[1]!) && words[2]!.toUpperCase() === 'FFFF0000') return ipv4(words[3]!); // ::ffff:a.b.c.d
  return words.join(':');
}

/** The local addresses listening on a TCP port, from /proc/net/tcp and tcp6 (state 0A). */
export function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const table of ['tcp', 'tcp6']) {
    for (const line of orNone(() => fs.readFileSync(`/proc/net/${table}`, 'utf8').trim().split('\n').slice(1))) {
      const f = line.trim().split(/\s+/);
      const [local, state] = [f[1], f[3]];
      if (state !== '0A' || !local) continue;
      const [hex, p] = local.split(':');
      if (parseInt(p!, 16) !== port) continue;
      found.push(hex!.length === 8 ? ipv4Text(hex!) : hex === '00000000000000000000000000000000' ? '::' : hex === '00000000000000000000000001000000' ? '::1' : `tcp6:${hex}`);
    }
  }
  return found;
}
