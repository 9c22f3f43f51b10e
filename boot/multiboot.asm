; Multiboot (v1) entry: the first code that runs, in 32-bit protected mode with
; paging off, at the kernel's physical load address. It builds just enough
; paging to run at KERNEL_BASE, enables the FPU (porffor's numbers are f64),
; and calls the C bridge, which starts the TypeScript kernel.

KERNEL_BASE     equ 0xC0000000
EARLY_MAP_MB    equ 64                 ; physical 0..64 MiB mapped at 0 and at KERNEL_BASE
PDE_4M_FLAGS    equ 0x83               ; present | writable | 4 MiB page
STACK_SIZE      equ 64 * 1024

MB_MAGIC        equ 0x1BADB002
MB_FLAGS        equ 0x3                ; page-align modules | give us the memory map
MB_CHECKSUM     equ -(MB_MAGIC + MB_FLAGS)

section .multiboot
align 4
    dd MB_MAGIC
    dd MB_FLAGS
    dd MB_CHECKSUM

section .bss
align 4096
boot_page_directory:
    resb 4096
align 16
boot_stack_bottom:
    resb STACK_SIZE
global boot_stack_top
boot_stack_top:

extern kernel_entry

CPUID_FXSR     equ 1 << 24
CPUID_SSE2     equ 1 << 26
CR4_OSFXSR     equ 1 << 9
CR4_OSXMMEXCPT equ 1 << 10
COM1_DATA      equ 0x3f8
VGA_TEXT       equ 0xb8000                ; still identity-mapped here
extern kernel_mxcsr

; Linked at its load address (see linker.ld): paging is off and nothing is
; mapped at KERNEL_BASE yet.
section .boot progbits alloc exec nowrite align=16
global _start
_start:
    cli
    mov esi, eax                       ; multiboot magic
    mov edi, ebx                       ; physical address of the multiboot info

    ; Fill the page directory: the first EARLY_MAP_MB as 4 MiB pages, twice.
    mov ebx, boot_page_directory - KERNEL_BASE
    xor ecx, ecx
.map:
    mov eax, ecx
    shl eax, 22
    or eax, PDE_4M_FLAGS
    mov [ebx + ecx * 4], eax                          ; identity
    mov [ebx + ecx * 4 + (KERNEL_BASE >> 22) * 4], eax ; higher half
    inc ecx
    cmp ecx, EARLY_MAP_MB / 4
    jne .map

    mov eax, cr4
    or eax, 0x10                       ; CR4.PSE: 4 MiB pages
    mov cr4, eax
    mov cr3, ebx
    mov eax, cr0
    or eax, 0x80000000                 ; CR0.PG
    mov cr0, eax

    lea eax, [higher_half]
    jmp eax

section .text
higher_half:
    mov esp, boot_stack_top
    xor ebp, ebp                       ; ends backtraces here

    ; The compiled kernel computes its numbers with SSE2 and saves FPU state
    ; with fxsave: without both, say so and stop.
    mov eax, 1
    cpuid
    and edx, CPUID_FXSR | CPUID_SSE2
    cmp edx, CPUID_FXSR | CPUID_SSE2
    jne .no_sse2

    ; FPU on: no emulation (EM=0), monitor coprocessor (MP=1), native
    ; exceptions (NE=1); SSE on with fxsave and its own exceptions
    ; (CR4.OSFXSR, CR4.OSXMMEXCPT); then a clean x87 and SSE state.
    mov eax, cr0
    and eax, ~0x4
    or eax, 0x22
    mov cr0, eax
    mov eax, cr4
    or eax, CR4_OSFXSR | CR4_OSXMMEXCPT
    mov cr4, eax
    fninit
    ldmxcsr [kernel_mxcsr]

    push edi
    push esi
    call kernel_entry
.hang:
    cli
    hlt
    jmp .hang

; Writes no_sse2_message to the serial port and the VGA text screen, then stops.
.no_sse2:
    mov esi, no_sse2_message
    mov edi, VGA_TEXT
.say:
    lodsb
    test al, al
    jz .hang
    mov dx, COM1_DATA
    out dx, al
    mov ah, 0x0f                       ; white on black
    stosw
    jmp .say

section .rodata
no_sse2_message: db "this kernel needs a CPU with SSE2 (Pentium 4 or later)", 0

section .note.GNU-stack noalloc noexec nowrite progbits
