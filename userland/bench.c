/*
 * /bin/bench: the syscall benchmarks of `make bench`. Each phase prints
 *   BENCH <name> start
 *   BENCH <name> done <count>
 * on the console; tools/bench.mjs timestamps those lines on the host, the
 * same clock it times the floor kernel with (which has no clock of its
 * own), so a phase's time includes one console line's latency, negligible
 * against thousands of iterations.
 *
 * The scaling pairs time the same work with few and with many of what a
 * process holds: getpid and mmap+munmap of one page with 10 and with 1,000
 * regions mapped (the page mapped is the 10th or the 1,000th), and
 * creating+unlinking one file in a directory holding 9 or 7,999 others.
 *
 * getpid-pledged is the getpid loop in a child that called
 * pledge("stdio", NULL) first, so every call goes through the
 * dispatcher's promise check: its ratio to the floor sits beside plain
 * getpid's.
 *
 * Two user-space figures: malloc+free pairs of mixed sizes (1 to 2,048
 * bytes, each freeing the block allocated 64 pairs before, so blocks of
 * every size class are reused rather than one block bouncing), and SQLite
 * inserting rows with a prepared statement in one transaction into a
 * database file in /tmp, its commit included.
 */
#include <stdint.h>
#include <fcntl.h>
#include <pthread.h>
#include <serenity.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <syscall.h>
#include <unistd.h>

#include "bench.h"

#define GETPID_CALLS 20000
#define FORKS 200
#define EXECS 100
#define MMAPS 50
#define PING_PONGS 2000
#define FUTEX_PING_PONGS 2000
#define THREADS 300
#define FILE_READS 2000
#define SCALE_CALLS 2000 /* per phase of the scaling pairs: the same work at a small and a large count */
#define FEW 10
#define MANY_REGIONS 1000
#define MANY_FILES 8000
#define MALLOC_PAIRS 1000000
#define MALLOC_LIVE 64 /* blocks held at once: a power of two */
#define MIB (1024u * 1024u)
#define PAGE 4096u

/* SC_mmap_params (docs/abi.md): anonymous private read-write memory. */
static uintptr_t map_anonymous(uint32_t size)
{
    struct { uint32_t addr, size, alignment; int32_t prot, flags, fd; uint32_t offset[2]; const char* name; uint32_t name_length; } params
        = { 0, size, PAGE, 3, 0x02 | 0x20, -1, { 0, 0 }, 0, 0 };
    return syscall1(SC_mmap, (uintptr_t)&params);
}


/* Waits for one child; returns 1 when it exited with status 0. */
static int reaped_cleanly(pid_t pid)
{
    int status = 0;
    return waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* One byte to a child through one pipe and back through another, PING_PONGS times. */
static int bench_pipe_ping_pong(void)
{
    int to_child[2], to_parent[2];
    if (pipe(to_child) < 0 || pipe(to_parent) < 0)
        return 0;
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        close(to_child[1]); /* else its own write end keeps the pipe from ever reaching EOF */
        close(to_parent[0]);
        while (read(to_child[0], &c, 1) == 1 && write(to_parent[1], &c, 1) == 1)
            ;
        _exit(0);
    }
    close(to_child[0]);
    close(to_parent[1]);
    phase_start("pipe-ping-pong");
    int ok = 0;
    for (int i = 0; i < PING_PONGS; i++) {
        char c = (char)i;
        ok += write(to_child[1], &c, 1) == 1 && read(to_parent[0], &c, 1) == 1 && c == (char)i;
    }
    phase_done("pipe-ping-pong", ok);
    close(to_child[1]);
    close(to_parent[0]);
    return reaped_cleanly(pid) && ok == PING_PONGS;
}

/*
 * Two threads hand a turn word back and forth, FUTEX_PING_PONGS times:
 * each sets the word to the other's number, wakes it, and waits while the
 * word is not its own.
 */
static volatile uint32_t turn;

static void pass_turn(uint32_t to)
{
    turn = to;
    futex((uint32_t*)&turn, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0);
}

static void wait_turn(uint32_t mine)
{
    uint32_t seen;
    while ((seen = turn) != mine)
        futex((uint32_t*)&turn, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, seen, NULL, NULL, 0);
}

static void* futex_partner(void* argument)
{
    (void)argument;
    for (int i = 0; i < FUTEX_PING_PONGS; i++) {
        wait_turn(1);
        pass_turn(0);
    }
    return NULL;
}

static int bench_futex_ping_pong(void)
{
    turn = 0;
    pthread_t partner;
    if (pthread_create(&partner, NULL, futex_partner, NULL) != 0)
        return 0;
    phase_start("futex-ping-pong");
    for (int i = 0; i < FUTEX_PING_PONGS; i++) {
        pass_turn(1);
        wait_turn(0);
    }
    phase_done("futex-ping-pong", FUTEX_PING_PONGS);
    return pthread_join(partner, NULL) == 0;
}

static void* no_work(void* argument)
{
    return argument;
}

/* pthread_create + pthread_join of a thread that returns at once, THREADS times. */
static int bench_thread_create_join(void)
{
    int ok = 0;
    phase_start("thread-create-join");
    for (int i = 0; i < THREADS; i++) {
        pthread_t thread;
        void* value = NULL;
        ok += pthread_create(&thread, NULL, no_work, &ok) == 0 && pthread_join(thread, &value) == 0 && value == &ok;
    }
    phase_done("thread-create-join", ok);
    return ok == THREADS;
}

/* open + read 4 KiB + close of one file, FILE_READS times. */
static int bench_open_read_close(void)
{
    static char block[PAGE];
    const char* path = "/tmp/bench-4k";
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write(fd, block, PAGE) != PAGE || close(fd) < 0)
        return 0;
    phase_start("open-read-4KiB-close");
    int ok = 0;
    for (int i = 0; i < FILE_READS; i++) {
        fd = open(path, O_RDONLY);
        ok += fd >= 0 && read(fd, block, PAGE) == PAGE && close(fd) == 0;
    }
    phase_done("open-read-4KiB-close", ok);
    return unlink(path) == 0 && ok == FILE_READS;
}

/* getpid SCALE_CALLS times, then mmap+munmap of one more page SCALE_CALLS times, with regions pages mapped. */
static int bench_with_regions(int regions)
{
    char getpid_phase[32], mmap_phase[32];
    snprintf(getpid_phase, sizeof getpid_phase, "getpid-%d-regions", regions);
    snprintf(mmap_phase, sizeof mmap_phase, "mmap-region-%d", regions);
    int ok = 0;
    phase_start(getpid_phase);
    for (int i = 0; i < SCALE_CALLS; i++)
        ok += getpid() > 0;
    phase_done(getpid_phase, ok);
    int mapped = 0;
    phase_start(mmap_phase);
    for (int i = 0; i < SCALE_CALLS; i++) {
        uintptr_t page = map_anonymous(PAGE);
        mapped += (intptr_t)page > 0 && syscall2(SC_munmap, page, PAGE) == 0;
    }
    phase_done(mmap_phase, mapped);
    return ok == SCALE_CALLS && mapped == SCALE_CALLS;
}

/* Maps pages until count are held (the first one at pages[0]); 0 when an mmap failed. */
static int hold_regions(uintptr_t* pages, int held, int count)
{
    for (int i = held; i < count; i++) {
        pages[i] = map_anonymous(PAGE);
        if ((intptr_t)pages[i] <= 0)
            return 0;
    }
    return 1;
}

/* Creates and unlinks one file SCALE_CALLS times in dir, which holds others (the phase's name says how many). */
static int bench_create_in(const char* dir, int others)
{
    char phase[32], path[64];
    snprintf(phase, sizeof phase, "create-file-%d", others + 1);
    snprintf(path, sizeof path, "%s/new", dir);
    int ok = 0;
    phase_start(phase);
    for (int i = 0; i < SCALE_CALLS; i++) {
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
        ok += fd >= 0 && close(fd) == 0 && unlink(path) == 0;
    }
    phase_done(phase, ok);
    return ok == SCALE_CALLS;
}

/* Files dir/f<from> .. dir/f<to - 1>: created when create, else unlinked; 0 when one failed. */
static int make_files(const char* dir, int from, int to, int create)
{
    char path[64];
    for (int i = from; i < to; i++) {
        snprintf(path, sizeof path, "%s/f%d", dir, i);
        int fd = create ? open(path, O_WRONLY | O_CREAT | O_EXCL, 0644) : 0;
        if (fd < 0 || (create ? close(fd) : unlink(path)) < 0)
            return 0;
    }
    return 1;
}

/* The scaling pairs; 0 when a step failed. Everything they made is gone again when they return. */
static int bench_scaling(void)
{
    static uintptr_t pages[MANY_REGIONS];
    const char* dir = "/tmp/bench-dir";
    int ok = hold_regions(pages, 0, FEW - 1) && bench_with_regions(FEW)
        && hold_regions(pages, FEW - 1, MANY_REGIONS - 1) && bench_with_regions(MANY_REGIONS);
    for (int i = 0; i < MANY_REGIONS - 1; i++)
        if ((intptr_t)pages[i] > 0)
            syscall2(SC_munmap, pages[i], PAGE);
    ok = ok && mkdir(dir, 0755) == 0;
    ok = ok && make_files(dir, 0, FEW - 1, 1) && bench_create_in(dir, FEW - 1)
        && make_files(dir, FEW - 1, MANY_FILES - 1, 1) && bench_create_in(dir, MANY_FILES - 1);
    make_files(dir, 0, MANY_FILES - 1, 0);
    return rmdir(dir) == 0 && ok;
}

/* MALLOC_PAIRS times: free the block of one of MALLOC_LIVE slots, malloc one of another size into it. */
static int bench_malloc_free(void)
{
    static void* live[MALLOC_LIVE];
    uint32_t random = 1;
    int ok = 0;
    phase_start("malloc-free");
    for (int i = 0; i < MALLOC_PAIRS; i++) {
        random = random * 1103515245u + 12345u;
        void** slot = &live[i & (MALLOC_LIVE - 1)];
        free(*slot);
        *slot = malloc(((random >> 16) & 2047) + 1);
        ok += *slot != NULL;
    }
    phase_done("malloc-free", ok);
    for (int i = 0; i < MALLOC_LIVE; i++)
        free(live[i]);
    return ok == MALLOC_PAIRS;
}

/* The getpid loop under pledge("stdio"), in a child so that bench itself stays unpledged. */
static int bench_getpid_pledged(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        if (pledge("stdio", NULL) != 0)
            _exit(1);
        int ok = 0;
        phase_start("getpid-pledged");
        for (int i = 0; i < GETPID_CALLS; i++)
            ok += getpid() > 0;
        phase_done("getpid-pledged", ok);
        fflush(stdout);
        _exit(ok == GETPID_CALLS ? 0 : 1);
    }
    return pid > 0 && reaped_cleanly(pid);
}

int main(void)
{
    int ok = 0;

    phase_start("getpid");
    for (int i = 0; i < GETPID_CALLS; i++)
        ok += getpid() > 0;
    phase_done("getpid", ok);
    int pledged_ok = bench_getpid_pledged();

    phase_start("fork-exit-wait");
    ok = 0;
    for (int i = 0; i < FORKS; i++) {
        pid_t pid = fork();
        if (pid == 0)
            _exit(0);
        ok += pid > 0 && reaped_cleanly(pid);
    }
    phase_done("fork-exit-wait", ok);

    phase_start("fork-execve-exit-wait");
    ok = 0;
    for (int i = 0; i < EXECS; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            char* argv[] = { "/bin/true", 0 };
            char* envp[] = { 0 };
            execve("/bin/true", argv, envp);
            _exit(127);
        }
        ok += pid > 0 && reaped_cleanly(pid);
    }
    phase_done("fork-execve-exit-wait", ok);
    int execs_ok = ok == EXECS;

    phase_start("mmap-touch-munmap-1MiB");
    ok = 0;
    for (int i = 0; i < MMAPS; i++) {
        uintptr_t region = map_anonymous(MIB);
        if ((intptr_t)region <= 0)
            continue;
        for (uint32_t offset = 0; offset < MIB; offset += PAGE)
            ((volatile char*)region)[offset] = 1;
        ok += syscall2(SC_munmap, region, MIB) == 0;
    }
    phase_done("mmap-touch-munmap-1MiB", ok);
    int mmaps_ok = ok == MMAPS;
    return pledged_ok && execs_ok && mmaps_ok && bench_pipe_ping_pong() && bench_open_read_close() && bench_scaling()
        && bench_malloc_free() && bench_futex_ping_pong() && bench_thread_create_join() ? 0 : 1;
}
