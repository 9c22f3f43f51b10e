; Kernel thread switch. switch_context(uint32_t *save_esp, uint32_t next_esp)
; pushes the callee-saved registers on the current kernel stack, stores esp
; through save_esp, loads next_esp and pops the next thread's registers. A
; thread that never ran has a stack prepared by kernel/proc/thread.ts whose
; return address is interrupt_return (boot/interrupts.asm): it "returns"
; from an interrupt into its first user instruction. The x87 state needs no
; saving here: switches happen at call boundaries, where the FPU stack is
; empty, and a thread's user FPU state is in its interrupt frame.

section .text
global switch_context
switch_context:
    mov eax, [esp + 4]                 ; save_esp
    mov edx, [esp + 8]                 ; next_esp
    push ebp
    push ebx
    push esi
    push edi
    mov [eax], esp
    mov esp, edx
    pop edi
    pop esi
    pop ebx
    pop ebp
    ret

section .note.GNU-stack noalloc noexec nowrite progbits
