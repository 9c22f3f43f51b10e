/*
 * test-commit: anonymous memory is committed when it is mapped, so running
 * out is an error the program sees (ENOMEM from mmap, fork or malloc,
 * ENOSPC from a ramfs write), never a SIGSEGV later, and never another
 * process's death. Each case runs in a child that reports through its exit
 * status, so the memory it took is given back before the next case:
 * private chunks mapped until ENOMEM add up to no more than memory; fork
 * of a process whose dirty private pages cannot be committed again fails
 * with ENOMEM and succeeds once there is room; a mapping larger than
 * memory is ENOMEM; malloc ends in NULL with ENOMEM; a MAP_NORESERVE
 * mapping larger than memory succeeds and touching it to exhaustion kills
 * only its toucher while a bystander touches its committed pages; a file
 * in /tmp written until full gets ENOSPC after a short write, its writer
 * lives on, and unlinking it gives MemFree back. Most cases first start
 * a hog that commits all memory but a little without touching it, so that
 * exhausting the rest takes seconds.
 */
#include "ktest.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096u
#define MIB (1024u * 1024)
#define MAX_CHUNKS 4096
#define DIRTY_BYTES (16u * MIB)
#define BYSTANDER_PAGES 1024u
#define LEFT_FREE (16u * MIB) /* what a case leaves to exhaust by touching: seconds, not minutes */
#define MALLOC_BLOCK MIB /* a mapping each */
#define FILL_PATH "/tmp/test-commit-fill"
#define FILL_BLOCK (64u * 1024)
/* Pages the kernel may keep after the file is gone (a /tmp directory page). */
#define MEMFREE_SLACK_KIB 64

static unsigned char* chunks[MAX_CHUNKS];
static size_t chunk_size[MAX_CHUNKS];
static int chunk_count;
static unsigned char block[FILL_BLOCK];

/* Runs fn in a child and reports the case: PASS when it exits 0, else the step it failed at. */
static void child_case(const char* name, int (*fn)(void*))
{
    int rc = kt_run_in_child(fn, NULL);
    kt_check(name, rc == 0, "child: %s (step %d)", rc < 0 ? kt_describe_status(kt_child_status) : "exited", rc);
}

static void* anon(size_t size, int flags)
{
    return mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
}

/* Bytes a mapping needs to be larger than the memory left: twice MemFree, within the address space. */
static size_t more_than_memory(void)
{
    long kib = kt_mem_free_kib();
    if (kib <= 0 || kib > 1024 * 1024)
        return 0x80000000u;
    return (size_t)kib * 2048;
}

static void touch(unsigned char* p, size_t size, unsigned char value)
{
    for (size_t offset = 0; offset < size; offset += PAGE)
        p[offset] = value;
}

/* Maps chunks of size with flags until mmap fails; 0, or -1 unless it failed with ENOMEM. */
static int map_chunks_until_enomem(size_t size, int flags)
{
    while (chunk_count < MAX_CHUNKS) {
        void* p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | flags, -1, 0);
        if (p == MAP_FAILED)
            return errno == ENOMEM ? 0 : -1;
        chunks[chunk_count] = p;
        chunk_size[chunk_count++] = size;
    }
    return -1;
}

/* Unmaps the newest chunks until at least bytes are given back; 0 or -1. */
static int unmap_chunks(size_t bytes)
{
    size_t freed = 0;
    while (freed < bytes && chunk_count > 0) {
        chunk_count--;
        if (munmap(chunks[chunk_count], chunk_size[chunk_count]) < 0)
            return -1;
        freed += chunk_size[chunk_count];
    }
    return freed >= bytes ? 0 : -1;
}

static pid_t hog_pid = -1;
static int hog_command = -1;
static int hog_reply = -1;

/*
 * Starts a process holding commitments of all memory but about leave
 * bytes: private chunks it never touches, so filling memory costs no page
 * work. It gives back a MiB per byte sent to hog_command; 0 or -1.
 */
static int hog_start(size_t leave)
{
    int command[2], reply[2];
    if (pipe(command) < 0 || pipe(reply) < 0)
        return -1;
    hog_pid = fork();
    if (hog_pid == 0) {
        close(command[1]);
        close(reply[0]);
        int ok = map_chunks_until_enomem(8 * MIB, MAP_PRIVATE) == 0 && map_chunks_until_enomem(MIB, MAP_PRIVATE) == 0
            && unmap_chunks(leave) == 0;
        char byte = ok ? 'r' : 'f';
        while (write(reply[1], &byte, 1) == 1 && read(command[0], &byte, 1) == 1)
            byte = unmap_chunks(MIB) == 0 ? 'r' : 'f';
        _exit(0);
    }
    close(command[0]);
    close(reply[1]);
    hog_command = command[1];
    hog_reply = reply[0];
    char byte = 0;
    return hog_pid > 0 && read(hog_reply, &byte, 1) == 1 && byte == 'r' ? 0 : -1;
}

/* The hog gives back at least bytes; 0 or -1. */
static int hog_release(size_t bytes)
{
    for (size_t freed = 0; freed < bytes; freed += MIB) {
        char byte = 0;
        if (write(hog_command, "u", 1) != 1 || read(hog_reply, &byte, 1) != 1 || byte != 'r')
            return -1;
    }
    return 0;
}

/* Ends the hog, giving everything back. */
static void hog_stop(void)
{
    close(hog_command);
    close(hog_reply);
    if (hog_pid > 0)
        waitpid(hog_pid, NULL, 0);
    hog_pid = -1;
}

/* 0, or which step failed: private chunks until ENOMEM stay within memory and can be touched. */
static int map_until_enomem(void* arg)
{
    (void)arg;
    long total_kib = kt_mem_free_kib();
    if (map_chunks_until_enomem(8 * MIB, MAP_PRIVATE) < 0)
        return 1;
    if (chunk_count < 2 || (long)chunk_count * 8 * 1024 > total_kib)
        return 2; /* more than memory was promised */
    for (int i = 0; i < chunk_count; i++)
        chunks[i][i * PAGE] = (unsigned char)(i + 1);
    for (int i = 0; i < chunk_count; i++)
        if (chunks[i][i * PAGE] != (unsigned char)(i + 1))
            return 3;
    return 0;
}

/*
 * 0, or which step failed: with DIRTY_BYTES of dirty private pages and
 * memory full, fork fails with ENOMEM (the copies cannot be committed);
 * with room for them it succeeds, and the child can write them all.
 */
static int fork_dirty(void* arg)
{
    (void)arg;
    unsigned char* dirty = anon(DIRTY_BYTES, 0);
    if (dirty == MAP_FAILED)
        return 1;
    touch(dirty, DIRTY_BYTES, 1);
    if (hog_start(2 * MIB) < 0) /* room for the child's stack, not for the copies */
        return 2;
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    if (pid > 0) {
        waitpid(pid, NULL, 0);
        return 3;
    }
    if (errno != ENOMEM)
        return 4;
    if (hog_release(DIRTY_BYTES + 4 * MIB) < 0) /* the copies and the child's stack */
        return 5;
    pid = fork();
    if (pid == 0) {
        touch(dirty, DIRTY_BYTES, 2);
        _exit(dirty[DIRTY_BYTES - PAGE] == 2 ? 0 : 1);
    }
    if (pid < 0)
        return 6;
    int status = 0;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return 7;
    hog_stop();
    return dirty[DIRTY_BYTES - PAGE] == 1 ? 0 : 8; /* the parent's pages are its own */
}

static int map_too_much(void* arg)
{
    (void)arg;
    size_t size = more_than_memory();
    void* p = anon(size, 0);
    if (p != MAP_FAILED)
        return 1;
    return errno == ENOMEM ? 0 : 2;
}

/* 0 when malloc ends in NULL with ENOMEM, every block before it written. */
static int malloc_until_null(void* arg)
{
    (void)arg;
    if (hog_start(LEFT_FREE) < 0)
        return 1;
    for (int i = 0; i < 4096; i++) {
        unsigned char* p = malloc(MALLOC_BLOCK);
        if (p == NULL) {
            int error = errno;
            hog_stop();
            return error == ENOMEM ? 0 : 2;
        }
        touch(p, MALLOC_BLOCK, 0x5a);
    }
    return 3;
}

/*
 * A child that maps MAP_NORESERVE more than memory and touches it all
 * (it must die of SIGSEGV or SIGBUS), beside a bystander that committed
 * its pages first and touches them one by one meanwhile (it must live).
 */
static void test_noreserve(void)
{
    int go[2], ready[2];
    if (pipe(go) < 0 || pipe(ready) < 0) {
        kt_fail("noreserve-kills-only-the-toucher", "pipe: %s", kt_errname(errno));
        return;
    }
    size_t size = more_than_memory();
    pid_t bystander = fork();
    if (bystander == 0) {
        unsigned char* mine = anon(BYSTANDER_PAGES * PAGE, 0);
        char byte;
        if (mine == MAP_FAILED || write(ready[1], "r", 1) != 1 || read(go[0], &byte, 1) != 1)
            _exit(1);
        for (unsigned i = 0; i < BYSTANDER_PAGES; i++) {
            mine[i * PAGE] = (unsigned char)i;
            sched_yield();
        }
        for (unsigned i = 0; i < BYSTANDER_PAGES; i++)
            if (mine[i * PAGE] != (unsigned char)i)
                _exit(2);
        _exit(0);
    }
    char byte;
    int is_ready = bystander > 0 && read(ready[0], &byte, 1) == 1 && hog_start(LEFT_FREE) == 0;
    pid_t toucher = fork();
    if (toucher == 0) {
        unsigned char* p = anon(size, MAP_NORESERVE);
        if (p == MAP_FAILED || read(go[0], &byte, 1) != 1)
            _exit(1);
        touch(p, size, 1);
        _exit(2);
    }
    close(go[0]);
    if (!is_ready || write(go[1], "gg", 2) != 2)
        kt_fail("noreserve-go", "bystander not ready or write: %s", kt_errname(errno));
    close(go[1]);
    close(ready[0]);
    close(ready[1]);
    int toucher_status = 0;
    int bystander_status = 0;
    int reaped = toucher > 0 && waitpid(toucher, &toucher_status, 0) == toucher;
    reaped = bystander > 0 && waitpid(bystander, &bystander_status, 0) == bystander && reaped;
    hog_stop();
    int killed = WIFSIGNALED(toucher_status) && (WTERMSIG(toucher_status) == SIGSEGV || WTERMSIG(toucher_status) == SIGBUS);
    kt_check("noreserve-toucher-killed", reaped && killed, "toucher: %s", kt_describe_status(toucher_status));
    kt_check("noreserve-bystander-lives", reaped && WIFEXITED(bystander_status) && WEXITSTATUS(bystander_status) == 0,
        "bystander: %s", kt_describe_status(bystander_status));
}

/* 0 when writes to a /tmp file end in what fitted then ENOSPC, and the writer can go on using the file. */
static int fill_tmp(void* arg)
{
    (void)arg;
    int fd = open(FILL_PATH, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || hog_start(LEFT_FREE) < 0)
        return 1;
    memset(block, 0x42, sizeof(block));
    ssize_t last = 0;
    for (;;) {
        ssize_t n = write(fd, block, sizeof(block));
        if (n < 0)
            break;
        last = n;
    }
    if (errno != ENOSPC)
        return 2;
    if (last <= 0 || last % PAGE != 0)
        return 3; /* what fitted was written, in whole pages */
    if (write(fd, block, sizeof(block)) != -1 || errno != ENOSPC)
        return 4;
    if (hog_release(LEFT_FREE) < 0 || write(fd, block, sizeof(block)) != (ssize_t)sizeof(block))
        return 5; /* the writer lives on, and memory given back is file space again */
    hog_stop();
    return close(fd) < 0 ? 6 : 0;
}

static void test_tmp_full(void)
{
    long before = kt_mem_free_kib();
    child_case("tmp-write-until-enospc-writer-lives", fill_tmp);
    kt_check("tmp-unlink-gives-memory-back", unlink(FILL_PATH) == 0 && kt_mem_free_kib() >= before - MEMFREE_SLACK_KIB,
        "MemFree %ld KiB before, %ld KiB after", before, kt_mem_free_kib());
}

int main(void)
{
    kt_begin("test-commit");
    child_case("private-chunks-until-enomem-within-memory", map_until_enomem);
    child_case("fork-enomem-without-room-for-copies-then-ok", fork_dirty);
    child_case("mmap-larger-than-memory-enomem", map_too_much);
    child_case("malloc-ends-in-null-enomem", malloc_until_null);
    test_noreserve();
    test_tmp_full();
    return kt_finish();
}
