/*
 * The user and group databases (<pwd.h>, <grp.h>): /etc/passwd and
 * /etc/group, read line by line on each lookup. Both are lines of
 * ':'-separated fields with the name first and the numeric id third, so
 * one search serves both; a fill function turns a matching line into the
 * caller's struct, in the caller's buffer.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PASSWD_PATH "/etc/passwd"
#define GROUP_PATH "/etc/group"
#define LINE_BYTES 1024 /* longer lines are skipped */
#define ANY_ID (-1L)
#define PASSWD_FIELDS 7
#define GROUP_FIELDS 4

/* 1 if line's name (field 0) is name, or (name NULL) its id (field 2) is id or id is ANY_ID. */
static int line_matches(const char* line, const char* name, long id)
{
    if (name) {
        size_t n = strlen(name);
        return strncmp(line, name, n) == 0 && line[n] == ':';
    }
    if (id == ANY_ID)
        return 1;
    const char* p = strchr(line, ':');
    p = p ? strchr(p + 1, ':') : NULL;
    if (!p)
        return 0;
    char* end;
    long value = strtol(p + 1, &end, 10);
    return end != p + 1 && *end == ':' && value == id;
}

/* The next line of f (newline removed) that matches; 0 at the end of f. */
static int next_match(FILE* f, const char* name, long id, char line[LINE_BYTES])
{
    while (fgets(line, LINE_BYTES, f)) {
        size_t length = strlen(line);
        if (length && line[length - 1] == '\n') {
            line[length - 1] = '\0';
        } else if (!feof(f)) {
            int c;
            while ((c = fgetc(f)) != EOF && c != '\n')
                ;
            continue;
        }
        if (line_matches(line, name, id))
            return 1;
    }
    return 0;
}

/*
 * Copies line into buf and splits the copy at ':' into exactly count
 * fields. 0, ERANGE (buf smaller than need(line) bytes), or EINVAL for a
 * line with another number of fields.
 */
static int split_copy(const char* line, char* buf, size_t size, size_t need, char** fields, int count)
{
    if (size < need)
        return ERANGE;
    strcpy(buf, line);
    int found = 0;
    for (char* p = buf; found < count; found++) {
        fields[found] = p;
        p = strchr(p, ':');
        if (!p)
            return found + 1 == count ? 0 : EINVAL;
        *p++ = '\0';
    }
    return EINVAL;
}

/* Fills entry from line in buf: 0, ERANGE, or EINVAL for a malformed line (skipped). */
typedef int (*fill_function)(const char* line, void* entry, char* buf, size_t size);

static int fill_passwd(const char* line, void* entry, char* buf, size_t size)
{
    struct passwd* pwd = entry;
    char* f[PASSWD_FIELDS];
    int rc = split_copy(line, buf, size, strlen(line) + 1, f, PASSWD_FIELDS);
    if (rc)
        return rc;
    *pwd = (struct passwd) { f[0], f[1], (uid_t)strtoul(f[2], NULL, 10), (gid_t)strtoul(f[3], NULL, 10), f[4], f[5],
        f[6] };
    return 0;
}

/* The line, then (pointer-aligned) the NULL-terminated member array pointing into it. */
static int fill_group(const char* line, void* entry, char* buf, size_t size)
{
    struct group* grp = entry;
    const char* last_colon = strrchr(line, ':');
    if (!last_colon)
        return EINVAL;
    size_t members = 0;
    for (const char* p = last_colon + 1; *p; p++)
        members += p == last_colon + 1 || p[-1] == ',';
    size_t text = (strlen(line) + 1 + sizeof(char*) - 1) & ~(sizeof(char*) - 1);
    char* f[GROUP_FIELDS];
    int rc = split_copy(line, buf, size, text + (members + 1) * sizeof(char*), f, GROUP_FIELDS);
    if (rc)
        return rc;
    char** list = (char**)(buf + text);
    size_t n = 0;
    for (char* p = f[3]; *p; n++) {
        list[n] = p;
        p += strcspn(p, ",");
        if (*p)
            *p++ = '\0';
    }
    list[n] = NULL;
    *grp = (struct group) { f[0], f[1], (gid_t)strtoul(f[2], NULL, 10), list };
    return 0;
}

/* The first well-formed entry of f matching (name, id) into entry: 0 (*result NULL when none) or ERANGE. */
static int search(FILE* f, const char* name, long id, fill_function fill, void* entry, char* buf, size_t size,
    void** result)
{
    char line[LINE_BYTES];
    *result = NULL;
    while (f && next_match(f, name, id, line)) {
        int rc = fill(line, entry, buf, size);
        if (rc == ERANGE)
            return ERANGE;
        if (rc == 0) {
            *result = entry;
            return 0;
        }
    }
    return 0;
}

/* search over the file at path, opened for this lookup only. */
static int lookup(const char* path, const char* name, long id, fill_function fill, void* entry, char* buf,
    size_t size, void** result)
{
    int saved = errno;
    FILE* f = fopen(path, "re");
    errno = saved; /* a missing database is "not found" */
    int rc = search(f, name, id, fill, entry, buf, size, result);
    if (f)
        fclose(f);
    return rc;
}

int getpwnam_r(const char* name, struct passwd* pwd, char* buf, size_t size, struct passwd** result)
{
    return lookup(PASSWD_PATH, name, ANY_ID, fill_passwd, pwd, buf, size, (void**)result);
}

int getpwuid_r(uid_t uid, struct passwd* pwd, char* buf, size_t size, struct passwd** result)
{
    return lookup(PASSWD_PATH, NULL, (long)uid, fill_passwd, pwd, buf, size, (void**)result);
}

int getgrnam_r(const char* name, struct group* grp, char* buf, size_t size, struct group** result)
{
    return lookup(GROUP_PATH, name, ANY_ID, fill_group, grp, buf, size, (void**)result);
}

int getgrgid_r(gid_t gid, struct group* grp, char* buf, size_t size, struct group** result)
{
    return lookup(GROUP_PATH, NULL, (long)gid, fill_group, grp, buf, size, (void**)result);
}

/* The static entries of the non-_r forms; a line that fits LINE_BYTES always fits these buffers. */
static struct passwd passwd_entry;
static char passwd_buffer[LINE_BYTES];
static struct group group_entry;
static char group_buffer[LINE_BYTES + LINE_BYTES / 2 * sizeof(char*)];

/* The static entry's result, with ERANGE (never expected) made errno. */
static void* static_result(int rc, void* result)
{
    if (rc)
        errno = rc;
    return result;
}

struct passwd* getpwnam(const char* name)
{
    struct passwd* result;
    int rc = getpwnam_r(name, &passwd_entry, passwd_buffer, sizeof(passwd_buffer), &result);
    return static_result(rc, result);
}

struct passwd* getpwuid(uid_t uid)
{
    struct passwd* result;
    int rc = getpwuid_r(uid, &passwd_entry, passwd_buffer, sizeof(passwd_buffer), &result);
    return static_result(rc, result);
}

struct group* getgrnam(const char* name)
{
    struct group* result;
    int rc = getgrnam_r(name, &group_entry, group_buffer, sizeof(group_buffer), &result);
    return static_result(rc, result);
}

struct group* getgrgid(gid_t gid)
{
    struct group* result;
    int rc = getgrgid_r(gid, &group_entry, group_buffer, sizeof(group_buffer), &result);
    return static_result(rc, result);
}

/* The open database of getpwent / getgrent: opened on first use, rewound by set*ent. */
static FILE* passwd_file;
static FILE* group_file;

static FILE* rewound(FILE** file, const char* path)
{
    if (*file)
        rewind(*file);
    else
        *file = fopen(path, "re");
    return *file;
}

static void close_database(FILE** file)
{
    if (*file)
        fclose(*file);
    *file = NULL;
}

struct passwd* getpwent(void)
{
    void* result;
    FILE* f = passwd_file ? passwd_file : rewound(&passwd_file, PASSWD_PATH);
    int rc = search(f, NULL, ANY_ID, fill_passwd, &passwd_entry, passwd_buffer, sizeof(passwd_buffer), &result);
    return static_result(rc, result);
}

void setpwent(void) { rewound(&passwd_file, PASSWD_PATH); }
void endpwent(void) { close_database(&passwd_file); }

struct group* getgrent(void)
{
    void* result;
    FILE* f = group_file ? group_file : rewound(&group_file, GROUP_PATH);
    int rc = search(f, NULL, ANY_ID, fill_group, &group_entry, group_buffer, sizeof(group_buffer), &result);
    return static_result(rc, result);
}

void setgrent(void) { rewound(&group_file, GROUP_PATH); }
void endgrent(void) { close_database(&group_file); }
