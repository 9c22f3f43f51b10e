/*
 * malloc over anonymous mmap.
 *
 * Every block starts with a 16-byte header, so payloads are 16-byte aligned:
 *   size   the block's size, header included (small: its class size;
 *          large: the whole mapping; aligned: the distance back to the
 *          block that holds it)
 *   kind   the size class index, LARGE or ALIGNED
 *   magic  MAGIC_USED or MAGIC_FREE (catches double and stray frees)
 *
 * Small blocks (size + header <= 32 KiB) come in 40 size classes (16-byte
 * steps to 128, then four steps per doubling). They are carved from
 * 128 KiB chunks mapped with mmap(MAP_ANONYMOUS | MAP_PRIVATE) named
 * "malloc"; a chunk's unusable tail is cut into smaller blocks. free puts a
 * small block on its class's free list (LIFO, linked through the payload)
 * and malloc takes from that list first, so freed memory is reused and the
 * heap only grows when a class has no free block. Chunks are never
 * unmapped.
 *
 * Large blocks get a mapping of their own (page-rounded, "malloc: large"),
 * which free unmaps at once.
 *
 * posix_memalign/aligned_alloc with an alignment above 16 over-allocate and
 * put an ALIGNED header right before the aligned payload.
 *
 * As the reference's malloc, new blocks are filled with MALLOC_SCRUB_BYTE
 * and freed small blocks with FREE_SCRUB_BYTE (past the free-list link), so
 * a pointer read from uninitialised or freed memory is 0xdcdcdcdc or
 * 0xedededed: kernel addresses, which fault at once (crash -m, -f).
 *
 * Under threads one lock (recursive) covers the heap. A failed mmap is ENOMEM.
 */
#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "thread_impl.h"

#define HEADER_SIZE 16u
#define CHUNK_SIZE (128u * 1024u)
#define MAX_SMALL_BLOCK (32u * 1024u)
#define KIND_LARGE 0xfffe
#define KIND_ALIGNED 0xfffd
#define MAGIC_USED 0xa110u
#define MAGIC_FREE 0xf7eeu
#define MALLOC_SCRUB_BYTE 0xdc
#define FREE_SCRUB_BYTE 0xed

struct header {
    uint32_t size;
    uint16_t kind;
    uint16_t magic;
    uint32_t reserved[2];
};

_Static_assert(sizeof(struct header) == HEADER_SIZE, "the header keeps payloads 16-byte aligned");

struct free_block {
    struct header header;
    struct free_block* next;
};

/* Block sizes (header included): 32..128 by 16, then four steps per doubling up to 32 KiB. */
static const uint32_t class_sizes[] = {
    32, 48, 64, 80, 96, 112, 128,
    160, 192, 224, 256,
    320, 384, 448, 512,
    640, 768, 896, 1024,
    1280, 1536, 1792, 2048,
    2560, 3072, 3584, 4096,
    5120, 6144, 7168, 8192,
    10240, 12288, 14336, 16384,
    20480, 24576, 28672, 32768,
};
#define CLASS_COUNT (sizeof(class_sizes) / sizeof(class_sizes[0]))
_Static_assert(sizeof(class_sizes) / sizeof(class_sizes[0]) < KIND_ALIGNED, "class indexes fit the kind field");

static struct free_block* free_lists[CLASS_COUNT];
static char* bump;       /* the unused part of the newest chunk */
static size_t bump_left;
static struct mallinfo stats;

static void heap_panic(const char* message, void* ptr)
{
    /* Straight to fd 2: stdio might allocate. */
    static const char hex[] = "0123456789abcdef";
    char text[80];
    size_t n = strlcpy(text, message, sizeof(text) - 12);
    text[n++] = ' ';
    text[n++] = '0';
    text[n++] = 'x';
    for (int shift = 28; shift >= 0; shift -= 4)
        text[n++] = hex[((uintptr_t)ptr >> shift) & 0xf];
    text[n++] = '\n';
    write(STDERR_FILENO, text, n);
    abort();
}

static void* map(size_t size, const char* name)
{
    void* p = serenity_mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0, PAGE_SIZE, name);
    if (p == MAP_FAILED) {
        errno = ENOMEM;
        return NULL;
    }
    size_t mapped = stats.arena + stats.hblkhd + size;
    if (mapped > stats.usmblks)
        stats.usmblks = mapped;
    return p;
}

/* The smallest class whose blocks hold block_size bytes (block_size <= MAX_SMALL_BLOCK). */
static unsigned class_for(size_t block_size)
{
    unsigned i = 0;
    while (class_sizes[i] < block_size)
        i++;
    return i;
}

static void push_free(unsigned kind, struct header* h)
{
    struct free_block* block = (struct free_block*)h;
    h->size = class_sizes[kind];
    h->kind = kind;
    h->magic = MAGIC_FREE;
    block->next = free_lists[kind];
    free_lists[kind] = block;
    stats.ordblks++;
    stats.fordblks += class_sizes[kind];
}

/* Cuts the rest of the current chunk into free blocks of the largest classes that fit. */
static void retire_chunk_tail(void)
{
    while (bump_left >= class_sizes[0]) {
        unsigned kind = CLASS_COUNT - 1;
        while (class_sizes[kind] > bump_left)
            kind--;
        push_free(kind, (struct header*)bump);
        bump += class_sizes[kind];
        bump_left -= class_sizes[kind];
    }
}

static void* malloc_small(unsigned kind)
{
    struct header* h;
    struct free_block* block = free_lists[kind];
    if (block) {
        free_lists[kind] = block->next;
        stats.ordblks--;
        stats.fordblks -= class_sizes[kind];
        h = &block->header;
        if (h->magic != MAGIC_FREE || h->kind != kind)
            heap_panic("malloc: free list corrupted at", h);
    } else {
        if (bump_left < class_sizes[kind]) {
            retire_chunk_tail();
            char* chunk = map(CHUNK_SIZE, "malloc");
            if (!chunk)
                return NULL;
            bump = chunk;
            bump_left = CHUNK_SIZE;
            stats.arena += CHUNK_SIZE;
            stats.smblks++;
        }
        h = (struct header*)bump;
        bump += class_sizes[kind];
        bump_left -= class_sizes[kind];
        h->size = class_sizes[kind];
        h->kind = kind;
    }
    h->magic = MAGIC_USED;
    stats.uordblks += class_sizes[kind];
    return h + 1;
}

static void* malloc_large(size_t block_size)
{
    size_t mapping = (block_size + PAGE_SIZE - 1) & ~(size_t)(PAGE_SIZE - 1);
    struct header* h = map(mapping, "malloc: large");
    if (!h)
        return NULL;
    h->size = mapping;
    h->kind = KIND_LARGE;
    h->magic = MAGIC_USED;
    stats.hblks++;
    stats.hblkhd += mapping;
    stats.uordblks += mapping;
    return h + 1;
}

/* malloc without the scrub (calloc clears the block itself). */
static void* allocate(size_t size)
{
    if (size > SIZE_MAX - HEADER_SIZE - PAGE_SIZE) {
        errno = ENOMEM;
        return NULL;
    }
    size_t block_size = size + HEADER_SIZE;
    __libc_lock(&__malloc_lock);
    void* p = block_size <= MAX_SMALL_BLOCK ? malloc_small(class_for(block_size)) : malloc_large(block_size);
    __libc_unlock(&__malloc_lock);
    return p;
}

void* malloc(size_t size)
{
    void* p = allocate(size);
    if (p)
        memset(p, MALLOC_SCRUB_BYTE, size);
    return p;
}

static struct header* header_of(void* ptr, const char* who)
{
    if ((uintptr_t)ptr % HEADER_SIZE)
        heap_panic(who, ptr);
    struct header* h = (struct header*)ptr - 1;
    if (h->magic == MAGIC_FREE)
        heap_panic("free: double free of", ptr);
    if (h->magic != MAGIC_USED || (h->kind >= CLASS_COUNT && h->kind != KIND_LARGE && h->kind != KIND_ALIGNED))
        heap_panic(who, ptr);
    return h;
}

static void release(void* ptr);

void free(void* ptr)
{
    if (!ptr)
        return;
    __libc_lock(&__malloc_lock);
    release(ptr);
    __libc_unlock(&__malloc_lock);
}

static void release(void* ptr)
{
    struct header* h = header_of(ptr, "free: invalid pointer");
    if (h->kind == KIND_ALIGNED) {
        h->magic = MAGIC_FREE;
        release((char*)ptr - h->size);
        return;
    }
    if (h->kind == KIND_LARGE) {
        size_t mapping = h->size;
        h->magic = MAGIC_FREE;
        stats.hblks--;
        stats.hblkhd -= mapping;
        stats.uordblks -= mapping;
        if (munmap(h, mapping) < 0)
            heap_panic("free: munmap failed for", ptr);
        return;
    }
    stats.uordblks -= class_sizes[h->kind];
    memset(ptr, FREE_SCRUB_BYTE, h->size - HEADER_SIZE);
    push_free(h->kind, h);
}

size_t malloc_usable_size(void* ptr)
{
    if (!ptr)
        return 0;
    struct header* h = header_of(ptr, "malloc_usable_size: invalid pointer");
    if (h->kind == KIND_ALIGNED) {
        char* holder = (char*)ptr - h->size;
        return malloc_usable_size(holder) - h->size;
    }
    return h->size - HEADER_SIZE;
}

void* calloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    void* p = allocate(count * size);
    if (p)
        memset(p, 0, count * size);
    return p;
}

void* realloc(void* ptr, size_t size)
{
    if (!ptr)
        return malloc(size);
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    size_t usable = malloc_usable_size(ptr);
    if (size <= usable)
        return ptr;
    void* p = malloc(size);
    if (!p)
        return NULL;
    memcpy(p, ptr, usable);
    free(ptr);
    return p;
}

void* reallocarray(void* ptr, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(ptr, count * size);
}

int posix_memalign(void** result, size_t alignment, size_t size)
{
    if (alignment < sizeof(void*) || (alignment & (alignment - 1)))
        return EINVAL;
    int saved = errno;
    void* p;
    if (alignment <= HEADER_SIZE) {
        p = malloc(size);
    } else {
        if (size > SIZE_MAX / 2 - alignment) {
            errno = saved;
            return ENOMEM;
        }
        /* Room for the alignment gap and the ALIGNED header in front of the payload. */
        char* holder = malloc(size + alignment + HEADER_SIZE);
        p = holder;
        if (holder) {
            uintptr_t aligned = ((uintptr_t)holder + HEADER_SIZE + alignment - 1) & ~(uintptr_t)(alignment - 1);
            struct header* h = (struct header*)aligned - 1;
            h->size = aligned - (uintptr_t)holder;
            h->kind = KIND_ALIGNED;
            h->magic = MAGIC_USED;
            p = (void*)aligned;
        }
    }
    if (!p) {
        errno = saved;
        return ENOMEM;
    }
    *result = p;
    return 0;
}

void* aligned_alloc(size_t alignment, size_t size)
{
    void* p;
    int error = posix_memalign(&p, alignment, size);
    if (error) {
        errno = error;
        return NULL;
    }
    return p;
}

struct mallinfo mallinfo(void)
{
    return stats;
}
