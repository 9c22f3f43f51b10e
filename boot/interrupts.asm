; Interrupt and trap entry: one stub per vector builds the same frame (the
; TrapFrame of kernel/arch/i386/trapframe.ts), saves the FPU and SSE state
; (fxsave) below it, and calls interrupt_entry (kernel/rt/bridge.c ->
; TypeScript). On return it restores everything and irets. The layout, from
; the frame pointer up:
;   0 gs, 4 fs, 8 es, 12 ds, 16 edi, 20 esi, 24 ebp, 28 (pusha esp), 32 ebx,
;   36 edx, 40 ecx, 44 eax, 48 vector, 52 error code, 56 eip, 60 cs,
;   64 eflags, 68 user esp, 72 user ss (the last two only from ring 3).

KERNEL_DATA_SELECTOR equ 0x10
FPU_STATE_SIZE       equ 512           ; fxsave area, 16-byte aligned
; The fxsave area starts at (frame - FPU_AREA_GAP) rounded down to 16, and
; the frame's address is kept in the word after it, for the way back
; (fpuStateAddress in kernel/arch/i386/trapframe.ts computes the same).
FPU_AREA_GAP         equ FPU_STATE_SIZE + 4

extern interrupt_entry

section .text

%macro STUB_NO_ERROR 1
isr_%1:
    push dword 0
    push dword %1
    jmp interrupt_common
%endmacro

%macro STUB_ERROR 1
isr_%1:
    push dword %1                      ; the CPU pushed the error code
    jmp interrupt_common
%endmacro

; Vectors whose exception pushes an error code: 8, 10-14, 17, 21, 29, 30.
%assign v 0
%rep 256
  %if v == 8 || (v >= 10 && v <= 14) || v == 17 || v == 21 || v == 29 || v == 30
    STUB_ERROR v
  %else
    STUB_NO_ERROR v
  %endif
  %assign v v + 1
%endrep

interrupt_common:
    pusha
    push ds
    push es
    push fs
    push gs
    mov ax, KERNEL_DATA_SELECTOR
    mov ds, ax
    mov es, ax
    mov fs, ax
    mov gs, ax
    cld
    mov ebx, esp                       ; the frame
    lea esp, [ebx - FPU_AREA_GAP]
    and esp, -16
    fxsave [esp]
    mov [esp + FPU_STATE_SIZE], ebx
    fninit                             ; doubles come back from calls on the x87 stack
    ldmxcsr [kernel_mxcsr]             ; the interrupted code's SSE modes may differ
    push ebx
    call interrupt_entry
    add esp, 4
; Also where a new thread starts: its kernel stack holds a saved FPU image
; and a frame built by kernel/proc/thread.ts (see boot/switch.asm).
global interrupt_return
interrupt_return:
    fxrstor [esp]
    mov esp, [esp + FPU_STATE_SIZE]
    pop gs
    pop fs
    pop es
    pop ds
    popa
    add esp, 8                         ; vector and error code
    iret

section .rodata
; The SSE control word the kernel runs with: all exceptions masked, round to
; nearest, denormals kept (the reset value). porffor's numbers are doubles,
; and the kernel computes them with SSE2 (-mfpmath=sse), whose doubles round
; exactly as JavaScript's do; the x87's 64-bit precision would keep bits a
; double drops (`(a * b) | 0` would differ from node's). The kernel uses no
; x87 instruction, so the interrupted code's x87 state needs no reset.
global kernel_mxcsr
kernel_mxcsr: dd 0x1f80
align 4
; Entry address of every vector's stub, for the IDT built in TypeScript.
global interrupt_stub_table
interrupt_stub_table:
%assign v 0
%rep 256
    dd isr_ %+ v
  %assign v v + 1
%endrep

section .note.GNU-stack noalloc noexec nowrite progbits
