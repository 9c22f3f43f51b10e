/*
 * test-scale: costs that must not grow with the size of what a process
 * holds. With 1,200 single-page regions mapped, mmap placement, lookups
 * (munmap, page faults) and the per-syscall stack/code region checks must
 * still be correct and about as fast as with a handful; with 3,000 files
 * in one ramfs directory, creating, finding, listing, renaming and
 * unlinking entries must be too. The time bounds compare the same work at
 * a small and a large count, with slack for a loaded host: code whose cost
 * per call is linear in the count misses them by several times.
 */
#include "ktest.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096u
#define REGIONS 1200
#define GETPIDS 2000
#define FILES 3000
#define BATCH 500
#define DIR_PATH "/tmp/scale"

static uintptr_t map_page(void)
{
    void* page = mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return page == MAP_FAILED ? 0 : (uintptr_t)page;
}

static int mapped(uintptr_t address) { return address != 0; }

/* Microseconds of CLOCK_MONOTONIC. */
static uint64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* The best of three timings of GETPIDS getpid calls, in microseconds. */
static uint64_t getpid_us(void)
{
    uint64_t best = UINT64_MAX;
    for (int round = 0; round < 3; round++) {
        uint64_t start = now_us();
        for (int i = 0; i < GETPIDS; i++)
            getpid();
        uint64_t took = now_us() - start;
        if (took < best)
            best = took;
    }
    return best;
}

/* A large figure passes when it is within 4x of the small one plus slack_us (scheduling noise). */
static int within_bound(uint64_t small, uint64_t large, uint64_t slack_us) { return large <= 4 * small + slack_us; }

static uintptr_t regions[REGIONS];

/* Maps REGIONS pages one by one, timing the first and the last BATCH mmaps; 0 when one failed. */
static int map_all(uint64_t* first_us, uint64_t* last_us)
{
    uint64_t start = now_us();
    for (int i = 0; i < REGIONS; i++) {
        if (i == BATCH)
            *first_us = now_us() - start;
        if (i == REGIONS - BATCH)
            start = now_us();
        regions[i] = map_page();
        if (!mapped(regions[i]))
            return 0;
        *(volatile uint32_t*)regions[i] = (uint32_t)i;
    }
    *last_us = now_us() - start;
    return 1;
}

static void test_regions(void)
{
    uint64_t few = getpid_us();
    uint64_t first_us = 0, last_us = 0;
    int all = map_all(&first_us, &last_us);
    kt_check("mmap-1200-pages", all, "an mmap failed");
    if (!all)
        return;
    kt_check("mmap-time-flat", within_bound(first_us, last_us, 200000), "first %u mmaps %llu us, last %u %llu us",
        BATCH, first_us, BATCH, last_us);
    uint64_t many = getpid_us();
    printf("test-scale: mmap %u pages: first %llu us, last %llu us; %d getpids: %llu us (few regions), %llu us (%d)\n", BATCH,
        first_us, last_us, GETPIDS, few, many, REGIONS);
    kt_check("getpid-time-flat", within_bound(few, many, 50000), "%d getpids: %llu us with few regions, %llu us with %d",
        GETPIDS, few, many, REGIONS);
    int intact = 1;
    for (int i = 0; i < REGIONS; i++)
        intact &= *(volatile uint32_t*)regions[i] == (uint32_t)i;
    kt_check("pages-kept-apart", intact, "a page lost its value");
    /* Every other page goes: the lowest new mapping is the lowest hole. */
    uintptr_t lowest = UINTPTR_MAX;
    int unmapped = 1;
    for (int i = 0; i < REGIONS; i += 2) {
        unmapped &= munmap((void*)regions[i], PAGE) == 0;
        if (regions[i] < lowest)
            lowest = regions[i];
    }
    uintptr_t refill = map_page();
    kt_check("refill-lowest-hole", unmapped && refill == lowest, "munmap ok %d, new page %#x, lowest hole %#x", unmapped,
        (unsigned)refill, (unsigned)lowest);
    munmap((void*)refill, PAGE);
    intact = 1;
    for (int i = 1; i < REGIONS; i += 2)
        intact &= *(volatile uint32_t*)regions[i] == (uint32_t)i;
    kt_check("holes-leave-neighbours", intact, "a kept page lost its value");
    for (int i = 1; i < REGIONS; i += 2)
        munmap((void*)regions[i], PAGE);
}

static void file_path(char* out, int i) { snprintf(out, 64, DIR_PATH "/f%d", i); }

/* Creates files [from, to); 0 when one failed. */
static int create_files(int from, int to)
{
    char path[64];
    for (int i = from; i < to; i++) {
        file_path(path, i);
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
        if (fd < 0 || close(fd) < 0)
            return 0;
    }
    return 1;
}

/* Live entries of DIR_PATH but "." and "..", or -1. */
static int entry_count(void)
{
    DIR* dir = opendir(DIR_PATH);
    if (!dir)
        return -1;
    int count = 0;
    struct dirent* entry;
    while ((entry = readdir(dir)))
        count += strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0;
    closedir(dir);
    return count;
}

/* Times creating the first and the last BATCH of FILES files; 0 when one failed. */
static int create_all(uint64_t* first_us, uint64_t* last_us)
{
    uint64_t start = now_us();
    if (!create_files(0, BATCH))
        return 0;
    *first_us = now_us() - start;
    if (!create_files(BATCH, FILES - BATCH))
        return 0;
    start = now_us();
    if (!create_files(FILES - BATCH, FILES))
        return 0;
    *last_us = now_us() - start;
    return 1;
}

/* Checks every file's presence: files of the parity gone are absent, others present. */
static int parity_intact(int gone)
{
    char path[64];
    struct stat st;
    for (int i = 0; i < FILES; i++) {
        file_path(path, i);
        int present = stat(path, &st) == 0;
        if (present == (i % 2 == gone))
            return 0;
    }
    return 1;
}

static void test_directory(void)
{
    if (mkdir(DIR_PATH, 0755) < 0) {
        kt_fail("mkdir", "errno %s", kt_errname(errno));
        return;
    }
    uint64_t first_us = 0, last_us = 0;
    int all = create_all(&first_us, &last_us);
    kt_check("create-3000-files", all, "a create failed: %s", kt_errname(errno));
    printf("test-scale: create %u files: first %llu us, last %llu us\n", BATCH, first_us, last_us);
    if (all)
        kt_check("create-time-flat", within_bound(first_us, last_us, 500000), "first %u creates %llu us, last %u %llu us",
            BATCH, first_us, BATCH, last_us);
    kt_check("readdir-count", entry_count() == FILES, "%d entries", entry_count());
    kt_expect_errno("create-existing-eexist", open(DIR_PATH "/f1234", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
    char path[64], other[64];
    int unlinked = 1;
    for (int i = 0; i < FILES; i += 2) {
        file_path(path, i);
        unlinked &= unlink(path) == 0;
    }
    kt_check("unlink-half", unlinked && parity_intact(0), "unlink ok %d", unlinked);
    kt_check("readdir-count-after-unlink", entry_count() == FILES / 2, "%d entries", entry_count());
    /* Odd names move to the even ones: every name still resolves to exactly one entry. */
    int renamed = 1;
    for (int i = 1; i < FILES; i += 2) {
        file_path(path, i);
        file_path(other, i - 1);
        renamed &= rename(path, other) == 0;
    }
    kt_check("rename-into-holes", renamed && parity_intact(1) && entry_count() == FILES / 2, "rename ok %d", renamed);
    kt_check("recreate-after-rename", create_files(1, 2) && entry_count() == FILES / 2 + 1, "%d entries", entry_count());
    int removed = 1;
    for (int i = 0; i < FILES; i += 2) {
        file_path(path, i);
        removed &= unlink(path) == 0;
    }
    file_path(path, 1);
    removed &= unlink(path) == 0;
    kt_check("unlink-all-rmdir", removed && entry_count() == 0 && rmdir(DIR_PATH) == 0, "unlink ok %d, errno %s", removed,
        kt_errname(errno));
}

int main(void)
{
    kt_begin("test-scale");
    test_regions();
    test_directory();
    return kt_finish();
}
