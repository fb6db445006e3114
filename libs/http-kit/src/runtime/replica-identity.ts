import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** Owners of leases held by hosts still running in this process (a closed host leaves this set). */
const liveInThisProcess = new Set<string>();

/** This replica's name in the leases it holds: `<host>/<pid>/<nonce>` (the nonce tells two hosts of one process apart). */
export function newReplicaIdentity(): { owner: string; retire(): void } {
  const owner = `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
  liveInThisProcess.add(owner);
  return { owner, retire: () => liveInThisProcess.delete(owner) };
}

/**
 * Whether a lease's holder is known to be dead: a process of this host that no longer runs (killed
 * and restarted here), or a host of this very process that was closed without releasing. A holder
 * on another host is never judged dead: its lease expires instead.
 */
export function isDeadReplica(owner: string): boolean {
  const [host, pidText] = owner.split('/');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return !liveInThisProcess.has(owner);
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
