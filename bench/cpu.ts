import { readFileSync } from 'node:fs';

/** CPU seconds (user + system) a process has used so far, from `/proc/<pid>/stat`; undefined off Linux. */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 14th and 15th overall.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** USER_HZ: 100 on every mainstream Linux build. */
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds this Node process has used (every thread: the main one and the function workers). */
export function nodeCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** CPU-seconds of node (every thread) and of the JVM (undefined where /proc cannot tell). */
export interface CpuUsed {
  readonly node: number;
  readonly jvm: number | undefined;
}

/** CPU-seconds per item of `count` items. */
export function perItem({ node, jvm }: CpuUsed, count: number): CpuUsed {
  return { node: node / count, jvm: jvm === undefined ? undefined : jvm / count };
}

/** The CPU seconds node and the JVM spend between `start()` and `stop()`. */
export function cpuMeter(jvmPid: number) {
  const node0 = nodeCpuSeconds();
  const jvm0 = processCpuSeconds(jvmPid);
  return {
    stop(): CpuUsed {
      const jvm1 = processCpuSeconds(jvmPid);
      return { node: nodeCpuSeconds() - node0, jvm: jvm0 === undefined || jvm1 === undefined ? undefined : jvm1 - jvm0 };
    },
  };
}
