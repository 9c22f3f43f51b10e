; Interrupt and trap entry: one stub per vector builds the same frame (the
; TrapFrame of kernel/arch/i386/trapframe.ts), saves the x87 state, and
; calls interrupt_entry (kernel/rt/bridge.c -> TypeScript). On return it
; restores everything and irets. The layout, from the frame pointer up:
;   0 gs, 4 fs, 8 es, 12 ds, 16 edi, 20 esi, 24 ebp, 28 (pusha esp), 32 ebx,
;   36 edx, 40 ecx, 44 eax, 48 vector, 52 error code, 56 eip, 60 cs,
;   64 eflags, 68 user esp, 72 user ss (the last two only from ring 3).

KERNEL_DATA_SELECTOR equ 0x10
FPU_STATE_SIZE       equ 108           ; fnsave area

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
    sub esp, FPU_STATE_SIZE
    fnsave [esp]                       ; also leaves a clean FPU for the handler
    fldcw [kernel_fpu_control]         ; rounding to doubles, as JavaScript's numbers
    push ebx
    call interrupt_entry
    add esp, 4
; Also where a new thread starts: its kernel stack holds a saved FPU image
; and a frame built by kernel/proc/thread.ts (see boot/switch.asm).
global interrupt_return
interrupt_return:
    frstor [esp]
    add esp, FPU_STATE_SIZE
    pop gs
    pop fs
    pop es
    pop ds
    popa
    add esp, 8                         ; vector and error code
    iret

section .rodata
; The x87 control word the kernel runs with: all exceptions masked, round to
; nearest, and 53-bit precision. porffor's code computes in f64, and at the
; FPU's default 64-bit precision (a product of two u32 values, say) it would
; keep bits a double drops, so `(a * b) | 0` would differ from node's. User
; programs keep the default (long double needs the 64 bits): this word is
; loaded only after the trap entry saved their state.
global kernel_fpu_control
kernel_fpu_control: dw 0x027f
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
