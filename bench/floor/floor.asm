; The syscall floor for `make bench`: a minimal multiboot (v1) kernel whose
; int 0x82 handler is a bare iret, called from ring 3 in a loop. Its
; round-trip time is the cost of a ring 3 -> ring 0 -> ring 3 trap under this
; QEMU with no kernel work at all; tools/floor.mjs measures it and
; tools/bench.mjs prints the real kernel's syscall figures as ratios to it.
;
; Self-contained: no code shared with boot/ or kernel/. Linked at 1 MiB
; (floor.ld), paging off, interrupts off throughout.
;
; Flow:
;   ring 0: COM1 on, GDT + TSS, IDT, read `iterations=<n>` from the
;           multiboot command line (default 1000000), print FLOOR START,
;           iret to ring 3
;   ring 3: n x `int 0x82` (handler: iret), then `int 0x83` with the count
;           done in eax
;   ring 0: the 0x83 handler prints FLOOR DONE <count> and writes 0 to the
;           isa-debug-exit port 0xf4 (QEMU exits with status 1).
; Ring 3 does no port I/O, so the TSS needs no I/O bitmap. Any other vector
; (a fault) prints FLOOR FAULT and exits with guest status 1 (QEMU status 3).

MB_MAGIC        equ 0x1BADB002
MB_FLAGS        equ 0                  ; nothing asked: QEMU and GRUB pass the command line anyway
MB_CHECKSUM     equ -(MB_MAGIC + MB_FLAGS)
MB_INFO_CMDLINE equ 1 << 2             ; multiboot info flags bit: cmdline field (offset 16) valid

DEFAULT_ITERATIONS equ 1000000

COM1            equ 0x3f8
DEBUG_EXIT_PORT equ 0xf4

KERNEL_CS       equ 0x08
KERNEL_DS       equ 0x10
USER_CS         equ 0x18 | 3
USER_DS         equ 0x20 | 3
TSS_SEL         equ 0x28

SYSCALL_VECTOR  equ 0x82               ; as in kernel/arch/i386/idt.ts
DONE_VECTOR     equ 0x83
GATE_TRAP_RING3 equ 0xef               ; present, DPL 3, 32-bit trap gate (same as the kernel's syscall gate)
GATE_INT_RING0  equ 0x8e               ; present, DPL 0, 32-bit interrupt gate

TSS_SIZE        equ 104
STACK_SIZE      equ 16 * 1024

section .multiboot
align 4
    dd MB_MAGIC
    dd MB_FLAGS
    dd MB_CHECKSUM

section .data
align 8
; Flat 4 GiB segments. Access bytes: 0x9a/0x92 ring-0 code/data,
; 0xfa/0xf2 ring-3 code/data; flags 0xc = 4 KiB granularity, 32-bit.
gdt:
    dq 0                                ; 0x00 null
    dq 0x00cf9a000000ffff               ; 0x08 ring-0 code
    dq 0x00cf92000000ffff               ; 0x10 ring-0 data
    dq 0x00cffa000000ffff               ; 0x18 ring-3 code
    dq 0x00cff2000000ffff               ; 0x20 ring-3 data
gdt_tss:
    dq 0                                ; 0x28 TSS, filled at run time (its base is only known to the linker)
gdt_end:
gdt_ptr:
    dw gdt_end - gdt - 1
    dd gdt

idt_ptr:
    dw 256 * 8 - 1
    dd idt

iterations:
    dd DEFAULT_ITERATIONS

key:        db "iterations="
key_len     equ $ - key
msg_start:  db "FLOOR START", 13, 10, 0
msg_done:   db "FLOOR DONE ", 0
msg_fault:  db "FLOOR FAULT", 13, 10, 0
msg_eol:    db 13, 10, 0

section .bss
alignb 4096
idt:        resb 256 * 8
tss:        resb TSS_SIZE
alignb 16
kernel_stack: resb STACK_SIZE
kernel_stack_top:
alignb 16
user_stack: resb STACK_SIZE
user_stack_top:

section .text
global _start
_start:
    cli
    mov esp, kernel_stack_top
    cld
    push ebx                            ; multiboot info (eax = magic, not checked)

    call serial_init

    ; --- GDT and TSS ---
    ; TSS: only ss0:esp0 matter (the stack int 0x82 switches to from ring 3).
    ; The I/O map base points past the limit: no I/O bitmap, ring 3 has no ports.
    mov dword [tss + 4], kernel_stack_top   ; esp0
    mov dword [tss + 8], KERNEL_DS          ; ss0
    mov word [tss + 102], TSS_SIZE          ; I/O map base
    ; TSS descriptor: limit 103, base = tss, access 0x89 (present, 32-bit available TSS), byte granularity.
    mov eax, tss
    mov word [gdt_tss], TSS_SIZE - 1        ; limit 15:0
    mov [gdt_tss + 2], ax                   ; base 15:0
    shr eax, 16
    mov [gdt_tss + 4], al                   ; base 23:16
    mov byte [gdt_tss + 5], 0x89            ; access
    mov byte [gdt_tss + 6], 0               ; flags, limit 19:16
    mov [gdt_tss + 7], ah                   ; base 31:24

    lgdt [gdt_ptr]
    jmp KERNEL_CS:.reload_cs
.reload_cs:
    mov ax, KERNEL_DS
    mov ds, ax
    mov es, ax
    mov fs, ax
    mov gs, ax
    mov ss, ax
    mov ax, TSS_SEL
    ltr ax

    ; --- IDT: every vector -> fault; 0x82 -> iret only; 0x83 -> done ---
    xor ecx, ecx
.fill_idt:
    mov eax, fault_handler
    mov dl, GATE_INT_RING0
    call set_gate
    inc ecx
    cmp ecx, 256
    jne .fill_idt
    mov ecx, SYSCALL_VECTOR
    mov eax, syscall_floor
    mov dl, GATE_TRAP_RING3
    call set_gate
    mov ecx, DONE_VECTOR
    mov eax, done_handler
    mov dl, GATE_TRAP_RING3
    call set_gate
    lidt [idt_ptr]

    ; --- iterations=<n> from the command line ---
    pop ebx
    test dword [ebx], MB_INFO_CMDLINE
    jz .no_cmdline
    mov esi, [ebx + 16]
    call parse_iterations
.no_cmdline:

    ; --- ring 3 ---
    mov esi, msg_start
    call serial_puts
    mov ax, USER_DS
    mov ds, ax
    mov es, ax
    mov fs, ax
    mov gs, ax
    push dword USER_DS                  ; ss
    push dword user_stack_top           ; esp
    push dword 0x002                    ; eflags: IF=0, IOPL=0 (bit 1 is always set)
    push dword USER_CS                  ; cs
    push dword user_loop                ; eip
    iret

; Ring 3: iterations x int 0x82, then int 0x83 with the count in eax.
; (Paging is off, so ring 3 may read `iterations` through its flat segment.)
user_loop:
    mov edi, [iterations]
    xor esi, esi
    test edi, edi
    jz .done
.loop:
    int SYSCALL_VECTOR
    inc esi
    cmp esi, edi
    jne .loop
.done:
    mov eax, esi
    int DONE_VECTOR
    jmp $                               ; not reached

; The floor: the int 0x82 handler does nothing.
syscall_floor:
    iret

; int 0x83 from ring 3, eax = the number of int 0x82 done.
done_handler:
    mov bx, KERNEL_DS
    mov ds, bx
    mov es, bx
    push eax
    mov esi, msg_done
    call serial_puts
    pop eax
    call serial_put_decimal
    mov esi, msg_eol
    call serial_puts
    xor eax, eax
    jmp exit_qemu

fault_handler:
    mov ax, KERNEL_DS
    mov ds, ax
    mov es, ax
    mov esi, msg_fault
    call serial_puts
    mov eax, 1
    ; fall through

; Writes al to isa-debug-exit: QEMU exits with status (al << 1) | 1.
exit_qemu:
    mov dx, DEBUG_EXIT_PORT
    out dx, al
.hang:                                  ; without the debug-exit device
    cli
    hlt
    jmp .hang

; ecx = vector, eax = handler, dl = type/attributes.
set_gate:
    mov [idt + ecx * 8], ax             ; offset 15:0
    mov word [idt + ecx * 8 + 2], KERNEL_CS
    mov byte [idt + ecx * 8 + 4], 0
    mov [idt + ecx * 8 + 5], dl
    shr eax, 16
    mov [idt + ecx * 8 + 6], ax         ; offset 31:16
    ret

; esi = NUL-terminated command line. Finds `iterations=` at the start or
; after a space and stores the decimal after it in [iterations]; leaves the
; default when there is none or no digit follows.
parse_iterations:
    mov dl, ' '                         ; previous character: the start counts as after a space
.scan:
    cmp byte [esi], 0
    je .ret
    cmp dl, ' '
    jne .next
    mov edi, key
    mov ecx, key_len
    push esi
    repe cmpsb
    je .matched                         ; all key_len bytes equal (a NUL in the line stops it unequal)
    pop esi
.next:
    mov dl, [esi]
    inc esi
    jmp .scan
.matched:
    add esp, 4                          ; esi now points after the key
    xor eax, eax
    xor ecx, ecx                        ; digits seen
.digit:
    movzx edx, byte [esi]
    sub edx, '0'
    cmp edx, 9
    ja .end                             ; not a digit (unsigned compare catches < '0' too)
    imul eax, eax, 10
    add eax, edx
    inc esi
    inc ecx
    jmp .digit
.end:
    test ecx, ecx
    jz .ret
    mov [iterations], eax
.ret:
    ret

; COM1: 115200 8N1, FIFO on, interrupts off. QEMU ignores the divisor, a
; real UART needs it.
serial_init:
    mov dx, COM1 + 1
    xor al, al
    out dx, al                          ; no UART interrupts
    mov dx, COM1 + 3
    mov al, 0x80
    out dx, al                          ; DLAB on
    mov dx, COM1
    mov al, 1
    out dx, al                          ; divisor 1 = 115200 baud
    mov dx, COM1 + 1
    xor al, al
    out dx, al
    mov dx, COM1 + 3
    mov al, 0x03
    out dx, al                          ; 8N1, DLAB off
    mov dx, COM1 + 2
    mov al, 0xc7
    out dx, al                          ; FIFO on and cleared
    ret

; al = byte; polls the line status register for an empty transmitter.
serial_putc:
    push edx
    push eax
    mov dx, COM1 + 5
.wait:
    in al, dx
    test al, 0x20
    jz .wait
    pop eax
    mov dx, COM1
    out dx, al
    pop edx
    ret

; esi = NUL-terminated string.
serial_puts:
    lodsb
    test al, al
    jz .ret
    call serial_putc
    jmp serial_puts
.ret:
    ret

; eax = unsigned number, printed in decimal.
serial_put_decimal:
    mov ebx, 10
    xor ecx, ecx
.div:
    xor edx, edx
    div ebx
    push edx
    inc ecx
    test eax, eax
    jnz .div
.out:
    pop eax
    add al, '0'
    call serial_putc
    loop .out
    ret

section .note.GNU-stack noalloc noexec nowrite progbits
