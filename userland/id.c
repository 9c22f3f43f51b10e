/*
 * /bin/id [-u | -g | -G] [-n]: the real and effective user and group ids
 * and the supplementary groups, with the names /etc/passwd and
 * /etc/group give them:
 *   uid=1000(anon) gid=100(users) groups=100(users)
 * (euid= and egid= follow when they differ from the real ids). -u, -g and
 * -G print only the effective uid, the effective gid or every group id,
 * as numbers, or as names with -n.
 */
#include <err.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define MAX_GROUPS 32

static void print_user(const char* label, uid_t uid)
{
    struct passwd* pw = getpwuid(uid);
    printf("%s%u", label, uid);
    if (pw)
        printf("(%s)", pw->pw_name);
}

static void print_group(const char* label, gid_t gid)
{
    struct group* gr = getgrgid(gid);
    printf("%s%u", label, gid);
    if (gr)
        printf("(%s)", gr->gr_name);
}

/* One id alone, as a number or (names) its name when it has one. */
static void print_bare(unsigned id, int is_user, int names)
{
    const char* name = NULL;
    if (names && is_user && getpwuid(id))
        name = getpwuid(id)->pw_name;
    else if (names && !is_user && getgrgid(id))
        name = getgrgid(id)->gr_name;
    if (name)
        printf("%s", name);
    else
        printf("%u", id);
}

int main(int argc, char** argv)
{
    int only = 0, names = 0, option;
    while ((option = getopt(argc, argv, "ugGn")) != -1) {
        if (option == 'n')
            names = 1;
        else if (option == 'u' || option == 'g' || option == 'G')
            only = option;
        else {
            fprintf(stderr, "usage: id [-u | -g | -G] [-n]\n");
            return 1;
        }
    }
    /* As the reference: getgroups(0) counts them, and a copy must ask for exactly that many. */
    gid_t groups[MAX_GROUPS];
    int count = getgroups(0, NULL);
    if (count < 0 || count > MAX_GROUPS || (count > 0 && getgroups(count, groups) < 0))
        err(1, "getgroups");
    if (only == 'u' || only == 'g') {
        print_bare(only == 'u' ? geteuid() : getegid(), only == 'u', names);
    } else if (only == 'G') {
        print_bare(getegid(), 0, names);
        for (int i = 0; i < count; i++) {
            if (groups[i] == getegid())
                continue;
            printf(" ");
            print_bare(groups[i], 0, names);
        }
    } else {
        print_user("uid=", getuid());
        print_group(" gid=", getgid());
        if (geteuid() != getuid())
            print_user(" euid=", geteuid());
        if (getegid() != getgid())
            print_group(" egid=", getegid());
        print_group(" groups=", getegid());
        for (int i = 0; i < count; i++) {
            if (groups[i] != getegid())
                print_group(",", groups[i]);
        }
    }
    printf("\n");
    return fflush(stdout) == 0 ? 0 : 1;
}
