// The register frame boot/interrupts.asm saves on every interrupt, trap and
// syscall: byte offsets from the frame pointer handleInterrupt receives.
import { peek32, poke32 } from "./io";

export const FRAME_GS: number = 0;
export const FRAME_FS: number = 4;
export const FRAME_ES: number = 8;
export const FRAME_DS: number = 12;
export const FRAME_EDI: number = 16;
export const FRAME_ESI: number = 20;
export const FRAME_EBP: number = 24;
export const FRAME_EBX: number = 32;
export const FRAME_EDX: number = 36;
export const FRAME_ECX: number = 40;
export const FRAME_EAX: number = 44;
export const FRAME_VECTOR: number = 48;
export const FRAME_ERROR_CODE: number = 52;
export const FRAME_EIP: number = 56;
export const FRAME_CS: number = 60;
export const FRAME_EFLAGS: number = 64;
export const FRAME_USER_ESP: number = 68;
export const FRAME_USER_SS: number = 72;

/** Reads one saved register. */
export const frameGet = (frame: number, offset: number): number => peek32(frame + offset);

/** Overwrites one saved register (restored by the iret path). */
export const frameSet = (frame: number, offset: number, value: number): void => {
  poke32(frame + offset, value);
};

/** True when the interrupted code ran in ring 3. */
export const frameFromUser = (frame: number): boolean => (peek32(frame + FRAME_CS) & 3) === 3;

/** Size of the FPU and SSE state (an fxsave image) the entry path saves below a frame. */
export const FPU_STATE_BYTES: number = 512;

/**
 * Where the entry path keeps the FPU state of the code a frame interrupted:
 * 16-byte aligned (fxsave's rule) below the frame, with the frame's
 * address in the word after it (boot/interrupts.asm).
 */
export const fpuStateAddress = (frame: number): number => ((frame - FPU_STATE_BYTES - 4) & ~15) >>> 0;

/** Bytes of a buffer that holds a frame with its FPU state below it, laid out as the entry path does (stagedFrameAddress). */
export const STAGED_FRAME_BYTES: number = FPU_STATE_BYTES + 4 + 15 + FRAME_USER_SS + 4;

/** The frame in a STAGED_FRAME_BYTES buffer at buffer: fpuStateAddress of it lies inside the buffer. */
export const stagedFrameAddress = (buffer: number): number => buffer + FPU_STATE_BYTES + 4 + 15;

/** Makes the state at fpuStateAddress(frame) lead back to frame, as the entry path leaves it (for a thread's first return). */
export const fpuStateLink = (frame: number): void => {
  poke32(fpuStateAddress(frame) + FPU_STATE_BYTES, frame);
};
