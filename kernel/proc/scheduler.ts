// Preemptive round-robin scheduling on one CPU. Runnable threads wait in a
// FIFO; the timer takes the CPU from a thread running in ring 3 when its
// quantum (longer for higher priority) is used up. A woken or newly forked
// thread goes to the front, so work that waits on other processes is not
// held back a whole quantum by every CPU hog in the queue, unless a queued
// thread has already waited STARVATION_TICKS: then it goes to the back like
// any other, so threads that wake each other all the time cannot keep the
// rest from the CPU. The kernel itself is not preempted: a thread in the
// kernel runs until it returns to user mode, blocks (sleepOn, sleepOnUntil)
// or yields, which keeps kernel state consistent without locks; interrupt
// handlers may still make threads runnable (wakeup, the timer waking
// sleepers whose deadline passed), so the ready queue is only touched with
// interrupts off. Threads that died are
// freed after the switch away from them.
import { interruptsRestore, interruptsSave, writeCr3, switchContext } from "../arch/i386/cpu";
import { gdtSetTlsBase, tssSetKernelStack } from "../arch/i386/gdt";
import { peek32 } from "../arch/i386/io";
import { tickCount } from "../arch/i386/pit";
import { kernelPageDirectory } from "../mm/paging";
import { spacePageDirectory } from "../mm/space";
import { MAX_THREADS } from "../lib/limits";
import {
  kernelStackTop, savedEspSlot, THREAD_BLOCKED, THREAD_DEAD, THREAD_RUNNABLE, THREAD_RUNNING, threadPriorityOf,
  threadProcessOf, threadRelease, threadSetState, threadSetWaitChannel, threadSignalsDeliverable, threadSlotsEnd,
  threadStateOf, threadTlsPointerOf, threadWaitChannelOf,
} from "./thread";

const readyQueue: Int32Array = new Int32Array(MAX_THREADS);
const queuedAt: Float64Array = new Float64Array(MAX_THREADS); // tick a thread entered the queue
const STARVATION_TICKS: number = 10; // one default quantum
let readyHead: number = 0;
let readyCount: number = 0;
let ticksLeft: number = 0;

/** The running thread's slot (0 = idle). */
export let currentThread: number = 0;

/** The running thread's process slot (-1 for the idle thread). */
export const currentProcess = (): number => threadProcessOf(currentThread);

/** Quantum in timer ticks: priority 30 (the default) gets 10 ms at 1000 Hz. */
const quantumFor = (thread: number): number => Math.max(1, Math.floor(threadPriorityOf(thread) / 3));

/** Queues thread at the back (interrupts off). */
const enqueueBack = (thread: number): void => {
  threadSetState(thread, THREAD_RUNNABLE);
  queuedAt[thread] = tickCount();
  readyQueue[(readyHead + readyCount) % MAX_THREADS] = thread;
  readyCount++;
};

/** True when some queued thread has waited STARVATION_TICKS or more (interrupts off). */
const someoneStarving = (): boolean => {
  const now: number = tickCount();
  for (let i: number = 0; i < readyCount; i++) {
    if (now - queuedAt[readyQueue[(readyHead + i) % MAX_THREADS]] >= STARVATION_TICKS) return true;
  }
  return false;
};

/** Makes thread runnable and queues it at the back. */
export const makeRunnable = (thread: number): void => {
  const enabled: boolean = interruptsSave();
  enqueueBack(thread);
  interruptsRestore(enabled);
};

/**
 * Makes thread runnable ahead of every queued thread (woken and newly
 * forked threads), or at the back when a queued thread is starving.
 */
export const makeRunnableFirst = (thread: number): void => {
  const enabled: boolean = interruptsSave();
  if (someoneStarving()) {
    enqueueBack(thread);
  } else {
    threadSetState(thread, THREAD_RUNNABLE);
    queuedAt[thread] = tickCount();
    readyHead = (readyHead + MAX_THREADS - 1) % MAX_THREADS;
    readyQueue[readyHead] = thread;
    readyCount++;
  }
  interruptsRestore(enabled);
};

/** True when some thread waits for the CPU. */
export const hasRunnable = (): boolean => readyCount > 0;

const dequeue = (): number => {
  if (readyCount === 0) return 0;
  const thread: number = readyQueue[readyHead];
  readyHead = (readyHead + 1) % MAX_THREADS;
  readyCount--;
  return thread;
};

/** Frees the slots of dead threads other than the running one. */
const reapDeadThreads = (): void => {
  for (let thread: number = 1; thread < threadSlotsEnd(); thread++) {
    if (threadStateOf(thread) === THREAD_DEAD && thread !== currentThread) threadRelease(thread);
  }
};

let deadThreads: number = 0;

/** Marks the running thread dead; it is freed once another thread runs. */
export const markCurrentDead = (): void => {
  threadSetState(currentThread, THREAD_DEAD);
  deadThreads++;
};

/**
 * Switches to the next runnable thread (or idle). The caller has already
 * set the current thread's state (RUNNABLE and queued, BLOCKED or DEAD).
 * Returns when this thread is scheduled again.
 */
export const schedule = (): void => {
  const enabled: boolean = interruptsSave();
  const previous: number = currentThread;
  const next: number = dequeue();
  if (next !== previous) {
    currentThread = next;
    threadSetState(next, THREAD_RUNNING);
    ticksLeft = quantumFor(next);
    tssSetKernelStack(kernelStackTop(next));
    gdtSetTlsBase(threadTlsPointerOf(next));
    const process: number = threadProcessOf(next);
    writeCr3(process < 0 ? kernelPageDirectory : spacePageDirectory(process));
    switchContext(savedEspSlot(previous), peek32(savedEspSlot(next)));
  } else {
    threadSetState(next, THREAD_RUNNING);
  }
  if (deadThreads > 0) {
    deadThreads = 0;
    reapDeadThreads();
  }
  interruptsRestore(enabled);
};

/** Gives up the CPU to the next runnable thread, staying runnable. */
export const yieldCpu = (): void => {
  if (readyCount === 0) return;
  if (currentThread !== 0) makeRunnable(currentThread);
  schedule();
};

/**
 * Timer tick while ring 3 ran: preempts the thread once its quantum is
 * used, or at once when the tick woke a sleeper whose deadline came (a
 * nanosleep or a timeout ends within a tick of its deadline, not a
 * quantum later).
 */
export const schedulerTickFromUser = (): void => {
  ticksLeft--;
  const sleeperDue: boolean = deadlineWoke;
  deadlineWoke = false;
  if ((ticksLeft > 0 && !sleeperDue) || readyCount === 0) return;
  yieldCpu();
};

let deadlineWoke: boolean = false; // the last tick made a timed sleeper runnable

/**
 * Blocks the running thread until wakeup(channel), or until a signal it
 * does not block is sent to it (signals.ts): such a sleep is
 * interruptible, and returns at once when such a signal is already
 * pending. Callers loop on their condition and end the call (EINTR or a
 * restart, signals.ts) when signalInterrupts() says so. Callers check their
 * condition and sleep with interrupts off when an interrupt handler may
 * do the wakeup, so none is lost; a signal from an interrupt handler is
 * not lost either, since the pending check here runs with interrupts off.
 */
export const sleepOn = (channel: number): void => {
  const enabled: boolean = interruptsSave();
  if (threadSignalsDeliverable(currentThread) === 0) {
    sleepInterruptible[currentThread] = 1;
    threadSetState(currentThread, THREAD_BLOCKED);
    setWaitChannel(currentThread, channel);
    schedule();
  }
  interruptsRestore(enabled);
};

/** Blocks until wakeup(channel), whatever signals come (a stopped thread waiting for SIGCONT or SIGKILL). */
export const sleepOnUninterruptible = (channel: number): void => {
  const enabled: boolean = interruptsSave();
  sleepInterruptible[currentThread] = 0;
  threadSetState(currentThread, THREAD_BLOCKED);
  setWaitChannel(currentThread, channel);
  schedule();
  interruptsRestore(enabled);
};

const sleepInterruptible: Uint8Array = new Uint8Array(MAX_THREADS);

/**
 * A signal was sent to thread: if it sleeps interruptibly (sleepOn,
 * sleepOnUntil) it wakes as from a wakeup, to see the signal. Safe in
 * interrupt handlers.
 */
export const interruptSleep = (thread: number): void => {
  if (sleepInterruptible[thread] !== 0) wakeThread(thread);
};

/**
 * Ends whatever sleep thread is in, interruptible or not (its caller's
 * loop looks at its condition again): a futex wake, or a thread that must
 * die. Safe in interrupt handlers.
 */
export const wakeThread = (thread: number): void => {
  const enabled: boolean = interruptsSave();
  if (threadStateOf(thread) === THREAD_BLOCKED) {
    clearWaitChannel(thread);
    sleepDeadline[thread] = 0;
    makeRunnableFirst(thread);
  }
  interruptsRestore(enabled);
};

// The threads sleeping on a channel are linked in a list per channel
// bucket (the channel's low bits), so that wakeup visits only the sleepers
// of channels like its own (pipes and pollers wake their channels on every
// transfer, mostly with nobody asleep), never the thread table. Thread 0,
// the idle thread, never sleeps: 0 ends a list.
const CHANNEL_BUCKETS: number = 256;
const bucketFirst: Uint16Array = new Uint16Array(CHANNEL_BUCKETS);
const sleeperNext: Uint16Array = new Uint16Array(MAX_THREADS);
const sleeperPrev: Uint16Array = new Uint16Array(MAX_THREADS);

const bucketOf = (channel: number): number => channel & (CHANNEL_BUCKETS - 1);

/** Records that thread sleeps on channel (0: on no channel). */
const setWaitChannel = (thread: number, channel: number): void => {
  threadSetWaitChannel(thread, channel);
  if (channel === 0) return;
  const bucket: number = bucketOf(channel);
  const first: number = bucketFirst[bucket];
  sleeperPrev[thread] = 0;
  sleeperNext[thread] = first;
  if (first !== 0) sleeperPrev[first] = thread;
  bucketFirst[bucket] = thread;
};

/** Records that thread sleeps on no channel. */
const clearWaitChannel = (thread: number): void => {
  const channel: number = threadWaitChannelOf(thread);
  threadSetWaitChannel(thread, 0);
  if (channel === 0) return;
  const previous: number = sleeperPrev[thread];
  const next: number = sleeperNext[thread];
  if (previous !== 0) sleeperNext[previous] = next;
  else bucketFirst[bucketOf(channel)] = next;
  if (next !== 0) sleeperPrev[next] = previous;
};

/**
 * Makes every thread sleeping on channel runnable (cancelling the deadline
 * of a sleepOnUntil). Channel 0 is nobody's: it wakes nothing. Safe in
 * interrupt handlers.
 */
export const wakeup = (channel: number): void => {
  if (channel === 0 || bucketFirst[bucketOf(channel)] === 0) return;
  const enabled: boolean = interruptsSave();
  for (let thread: number = bucketFirst[bucketOf(channel)]; thread !== 0;) {
    const next: number = sleeperNext[thread];
    if (threadWaitChannelOf(thread) === channel && threadStateOf(thread) === THREAD_BLOCKED) {
      clearWaitChannel(thread);
      sleepDeadline[thread] = 0;
      makeRunnableFirst(thread);
    }
    thread = next;
  }
  interruptsRestore(enabled);
};

// --- Timed sleep ---
// A sleeping thread with a deadline has sleepDeadline[thread] = the tick
// count at which it wakes (0: none). earliestDeadline is at or before the
// earliest of them, so a timer tick with nothing due costs one comparison;
// it may be stale-early (the sleeper was woken by wakeup), which costs one
// scan that finds nothing due and recomputes it. Whatever else ends a timed
// sleep early must clear the deadline as wakeup does.

const NO_DEADLINE: number = 9007199254740992; // 2^53: later than any tick count
const sleepDeadline: Float64Array = new Float64Array(MAX_THREADS);
const sleepTimedOut: Uint8Array = new Uint8Array(MAX_THREADS);
let earliestDeadline: number = NO_DEADLINE;

/**
 * Blocks the running thread until wakeup(channel) or until the timer's
 * tick count (tickCount() in arch/i386/pit) reaches deadlineTick, whichever
 * comes first; returns true when the deadline ended the sleep, false when
 * wakeup or a signal did (interruptible as sleepOn). A deadline already reached returns true at once without
 * blocking. Channel 0 means "only the deadline" (wakeup(0) wakes nothing).
 * The thread wakes at the first timer interrupt at or after deadlineTick,
 * and runs when the scheduler next picks it (woken threads go first).
 * Like sleepOn, a caller whose condition an interrupt handler changes
 * checks it with interrupts off and then sleeps, so no wakeup is lost;
 * interrupts are as the caller had them on return. Not for the idle
 * thread or interrupt handlers. Callers loop: check the condition, then
 * sleep again unless it holds or this returned true.
 */
export const sleepOnUntil = (channel: number, deadlineTick: number): boolean => {
  const enabled: boolean = interruptsSave();
  if (tickCount() >= deadlineTick) {
    interruptsRestore(enabled);
    return true;
  }
  const thread: number = currentThread;
  if (threadSignalsDeliverable(thread) !== 0) {
    interruptsRestore(enabled);
    return false;
  }
  sleepInterruptible[thread] = 1;
  sleepDeadline[thread] = deadlineTick;
  sleepTimedOut[thread] = 0;
  if (deadlineTick < earliestDeadline) earliestDeadline = deadlineTick;
  threadSetState(thread, THREAD_BLOCKED);
  setWaitChannel(thread, channel);
  schedule();
  const timedOut: boolean = sleepTimedOut[thread] !== 0;
  interruptsRestore(enabled);
  return timedOut;
};

/**
 * Timer interrupt, after the tick count became now: wakes the sleepers
 * whose deadline has come. Runs with interrupts off.
 */
export const wakeExpiredSleepers = (now: number): void => {
  if (now < earliestDeadline) return;
  let earliest: number = NO_DEADLINE;
  for (let thread: number = 1; thread < threadSlotsEnd(); thread++) {
    const deadline: number = sleepDeadline[thread];
    if (deadline === 0) continue;
    if (deadline > now) {
      if (deadline < earliest) earliest = deadline;
      continue;
    }
    sleepDeadline[thread] = 0;
    if (threadStateOf(thread) !== THREAD_BLOCKED) continue;
    sleepTimedOut[thread] = 1;
    clearWaitChannel(thread);
    makeRunnableFirst(thread);
    deadlineWoke = true;
  }
  earliestDeadline = earliest;
};
