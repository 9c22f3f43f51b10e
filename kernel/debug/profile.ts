// The sampling profiler (`profile` on the command line; docs/profiling.md).
// Every timer interrupt that lands in kernel mode records one sample: the
// uptime in milliseconds (the monotonic clock's, so that user programs can
// mark phases in the same time), the interrupted eip, and the return
// addresses of its callers by the saved frame pointers (the kernel is built
// with them). Samples go into a
// buffer of physical memory taken at boot, which the host reads straight out
// of the guest with QEMU's pmemsave once the run reports it
// (tools/profile.mjs); nothing is printed per sample, so the profile costs
// the run one walk per tick.
import { KERNEL_BASE } from "../arch/i386/cpu";
import { peek32, poke32 } from "../arch/i386/io";
import { uptimeMs } from "../arch/i386/pit";
import { FRAME_EBP, FRAME_EIP, frameFromUser, frameGet } from "../arch/i386/trapframe";
import { kprint, kprintDecimal, kprintHex, kprintln } from "../devices/console";

/** Words per sample: the uptime in ms, the eip, then up to PROFILE_CALLERS return addresses (0 past the chain's end). */
export const PROFILE_SAMPLE_WORDS: number = 8;
const PROFILE_CALLERS: number = PROFILE_SAMPLE_WORDS - 2;
/** How far above the interrupted frame pointer a caller's frame may be: one kernel stack. */
const STACK_SPAN: number = 65536;

let sampleBuffer: number = 0;
let sampleBufferPhysical: number = 0;
let sampleCapacity: number = 0;
let samplesRecorded: number = 0;
let samplesDropped: number = 0;
let userTicksSeen: number = 0;

/** Starts sampling into samples * PROFILE_SAMPLE_WORDS words at address (its physical address too, for the host). */
export const profileStart = (address: number, physical: number, samples: number): void => {
  sampleBuffer = address;
  sampleBufferPhysical = physical;
  sampleCapacity = samples;
  kprintln("profile: sampling every timer tick");
};

export const profiling = (): boolean => sampleBuffer !== 0;

/** Called on every timer interrupt with its trap frame: one sample when the kernel was running, a count when user code was. */
export const profileTick = (frame: number): void => {
  if (sampleBuffer === 0) return;
  if (frameFromUser(frame)) {
    userTicksSeen++;
    return;
  }
  if (samplesRecorded === sampleCapacity) {
    samplesDropped++;
    return;
  }
  const sample: number = sampleBuffer + samplesRecorded * PROFILE_SAMPLE_WORDS * 4;
  poke32(sample, uptimeMs());
  poke32(sample + 4, frameGet(frame, FRAME_EIP));
  const base: number = frameGet(frame, FRAME_EBP);
  let ebp: number = base;
  for (let i: number = 0; i < PROFILE_CALLERS; i++) {
    const onStack: boolean = ebp >= KERNEL_BASE && (ebp & 3) === 0 && ebp - base < STACK_SPAN;
    const returnAddress: number = onStack ? peek32(ebp + 4) : 0;
    poke32(sample + 8 + i * 4, returnAddress >= KERNEL_BASE ? returnAddress : 0);
    const next: number = onStack ? peek32(ebp) : 0;
    ebp = next > ebp ? next : 0;
  }
  samplesRecorded++;
};

/** The line the host waits for before it reads the buffer: where it is, how many samples, what was not sampled. */
export const profileReport = (): void => {
  kprint("profile: ");
  kprintDecimal(samplesRecorded);
  kprint(" samples of ");
  kprintDecimal(PROFILE_SAMPLE_WORDS);
  kprint(" words at physical ");
  kprintHex(sampleBufferPhysical, 8);
  kprint(", ");
  kprintDecimal(userTicksSeen);
  kprint(" user ticks, ");
  kprintDecimal(samplesDropped);
  kprintln(" dropped");
};
