; Memory for the descriptor tables the CPU reads. kernel/arch/i386/gdt.ts
; and idt.ts fill them; they live here so their addresses are fixed and
; known to the linker.

section .bss
align 4096
global idt_table
idt_table:  resb 256 * 8
global gdt_table
gdt_table:  resb 16 * 8
global tss_area
tss_area:   resb 104
; Each thread's saved kernel esp while it is switched out (boot/switch.asm
; stores through a pointer into this table; kernel/proc/thread.ts indexes it).
align 4
global saved_esp_table
saved_esp_table: resd 2048

section .note.GNU-stack noalloc noexec nowrite progbits
