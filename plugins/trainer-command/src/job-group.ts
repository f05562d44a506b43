import { readdirSync, readFileSync } from 'node:fs';
import { processAlive } from '@tunekit/core';

interface ProcessEntry {
  pid: number;
  state: string;
  pgrp: number;
}

/** Every process with its state and process group, from /proc; undefined where there is none (macOS). */
function processTable(): ProcessEntry[] | undefined {
  let names: string[];
  try {
    names = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  const table: ProcessEntry[] = [];
  for (const name of names) {
    try {
      // `pid (comm) state ppid pgrp …`: the command name may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const [state = '', , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.push({ pid: Number(name), state, pgrp: Number(pgrp) });
    } catch {}
  }
  return table;
}

/**
 * Whether the process group of a supervisor that is gone still runs: a supervisor killed with SIGKILL leaves the
 * program (the rest of its group) running, with no one to record its end. No new process gets the id of a live
 * group (POSIX), so a live group without a leader is still the job's; a process that is its leader took the pid
 * after the group ended. Zombies, which no init reaps in some containers, do not count.
 */
export function orphanedGroupAlive(pid: number): boolean {
  const table = processTable();
  if (!table) return processAlive(-pid) && !processAlive(pid);
  const members = table.filter((entry) => entry.pgrp === pid && entry.state !== 'Z');
  return members.length > 0 && members.every((entry) => entry.pid !== pid);
}
